"""Photos as uploads (签到表, 现场照片): decoded to prove they are images, stripped of metadata.

A JPEG or PNG is opened with Pillow, its pixel count checked against
``JIXIAO_IMAGE_MAX_PIXELS`` before anything is decoded, fully decoded (a truncated or fake file
fails here), turned upright from its EXIF orientation, and written again without EXIF, XMP,
IPTC, comments or PNG text chunks: GPS position, camera make and model, serial numbers and
capture times never reach the file store. Only the colour profile is kept.
"""

from __future__ import annotations

import io
import warnings

from portal.files.sniff import UploadRejected

#: Pillow's format name for each image kind the file store accepts.
FORMATS = {"jpeg": "JPEG", "png": "PNG"}
JPEG_QUALITY = 90


def clean_image(data: bytes, kind: str, *, max_pixels: int) -> bytes:
    """The image re-encoded without metadata; UploadRejected when it is not a readable ``kind`` image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    broken = UploadRejected("无法读取该图片（文件可能已损坏，或并非真正的 JPG / PNG 图片），请重新拍摄或导出后上传。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[FORMATS[kind]]) as probe:
                width, height = probe.size
                if width * height > max_pixels:
                    raise UploadRejected(f"图片尺寸过大（{width}×{height} 像素，上限 {max_pixels // 1_000_000} 百万像素），"
                                         "请缩小后重新上传。")
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[FORMATS[kind]]) as image:
                image.load()
                icc = image.info.get("icc_profile")
                upright = ImageOps.exif_transpose(image)
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise broken from None
    clean = upright.copy()
    clean.info.clear()
    options = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if kind == "jpeg":
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **options)
    else:
        clean.save(out, "PNG", optimize=True, **options)
    return out.getvalue()
