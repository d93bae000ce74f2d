"""Photos as uploads: accepted only where the caller allows images, decoded, size-limited, and stored
without their EXIF position and device data; scanned PDFs (no text layer) are accepted like any PDF."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from portal.files import storage
from portal.files.operations import UploadRejected, attach
from tests.portal.files.samples import CAMERA_MAKE, CAMERA_MODEL, make_photo, make_scanned_pdf, upload


def _attach(data, name, user, **kwargs):
    return attach(upload(data, name), owner_type="test_evidence", owner_id=1, user=user, **kwargs)


def _stored(attachment) -> bytes:
    with storage.open(attachment.sha256) as fh:
        return fh.read()


def test_the_photo_really_carries_gps_and_device_data():
    exif = Image.open(io.BytesIO(make_photo())).getexif()
    assert exif[0x010F] == CAMERA_MAKE and exif.get_ifd(0x8825)[1] == "N"


def test_a_jpeg_is_stored_without_gps_or_device_data(ctx):
    original = make_photo()
    attachment = _attach(original, "签到表.jpg", ctx, allow_images=True)
    stored = _stored(attachment)
    assert attachment.stored.kind == "jpeg" and attachment.stored.media_type == "image/jpeg"
    assert attachment.stored.size == len(stored) and storage.verify(attachment.sha256)
    assert attachment.stored.text == ""
    image = Image.open(io.BytesIO(stored))
    exif = image.getexif()
    assert not exif.get_ifd(0x8825) and 0x8825 not in exif
    assert 0x010F not in exif and 0x0110 not in exif and 0x0132 not in exif
    for needle in (CAMERA_MAKE.encode(), CAMERA_MODEL.encode(), b"Exif\x00\x00", b"2025:06:20"):
        assert needle not in stored
    assert image.size == (320, 240)
    left, right = image.getpixel((40, 120)), image.getpixel((280, 120))
    assert left[0] > 150 > left[2] and right[2] > 150 > right[0]


def test_a_photo_taken_sideways_is_stored_upright(ctx):
    # Orientation 6: the camera was turned; viewers rotate 90° clockwise. Stripped EXIF cannot say so any more.
    attachment = _attach(make_photo(orientation=6), "现场照片.jpeg", ctx, allow_images=True)
    image = Image.open(io.BytesIO(_stored(attachment)))
    assert image.size == (240, 320)
    top, bottom = image.getpixel((120, 40)), image.getpixel((120, 280))
    assert top[0] > 150 and bottom[2] > 150


def test_a_png_loses_its_exif_and_text_chunks(ctx):
    attachment = _attach(make_photo("png"), "现场照片.png", ctx, allow_images=True)
    stored = _stored(attachment)
    assert attachment.stored.kind == "png"
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif() and "Comment" not in image.info
    for needle in (CAMERA_MAKE.encode(), b"eXIf", b"tEXt", b"39.1337"):
        assert needle not in stored


def test_images_are_refused_where_they_are_not_allowed(ctx):
    with pytest.raises(UploadRejected, match="此处不接受图片"):
        _attach(make_photo(), "签到表.jpg", ctx)


@pytest.mark.parametrize("data", [
    b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 50,  # the magic bytes of a JPEG and nothing behind them
    make_photo()[:400],  # a truncated photo
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
], ids=["fake-jpeg", "truncated-jpeg", "fake-png"])
def test_a_file_that_only_looks_like_an_image_is_refused(ctx, data):
    name = "照片.png" if data.startswith(b"\x89PNG") else "照片.jpg"
    with pytest.raises(UploadRejected, match="无法读取该图片"):
        _attach(data, name, ctx, allow_images=True)


def test_an_image_with_the_wrong_extension_is_refused(ctx):
    with pytest.raises(UploadRejected, match="JPG 图片.*扩展名为 .png"):
        _attach(make_photo(), "照片.png", ctx, allow_images=True)


def test_image_size_limits(app, ctx):
    app.config["JIXIAO_IMAGE_MAX_PIXELS"] = 10_000
    with pytest.raises(UploadRejected, match="图片尺寸过大（320×240 像素"):
        _attach(make_photo(), "签到表.jpg", ctx, allow_images=True)
    app.config["JIXIAO_IMAGE_MAX_PIXELS"], app.config["JIXIAO_IMAGE_MAX_BYTES"] = 50_000_000, 1024
    with pytest.raises(UploadRejected, match="图片超过了允许的大小"):
        _attach(make_photo(), "签到表.jpg", ctx, allow_images=True)


def test_a_scanned_pdf_without_text_is_accepted(ctx):
    attachment = _attach(make_scanned_pdf(), "整改报告扫描件.pdf", ctx, allow_images=True)
    assert attachment.stored.kind == "pdf" and attachment.stored.text.strip() == ""
