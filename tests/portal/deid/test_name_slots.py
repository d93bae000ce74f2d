"""Names found by where they stand (portal/deid/name_slots.py), numbers under a table's header
(table_columns.py), organisations' accounts kept (bank_card.py) and pinyin names in capitals —
each through the whole engine, as a publication would be redacted, with the hard negatives that
must stay."""

from __future__ import annotations

import pytest

from portal.deid import name_kin, name_slots, padded_names, syllable_names
from portal.deid.credit_code import check_char
from portal.deid.engine import Deidentifier
from portal.deid.name_forms import find_dotted
from portal.deid.name_values import UNSURE, judge
from portal.deid.person_name import NameRecogniser
from portal.deid.policy import REDACT_AT, REVIEW_AT

ENGINE = Deidentifier()


def actions(text: str) -> dict[str, str]:
    """Every detected text with its outcome (redact, review or keep)."""
    return {d.span.text: d.action for d in ENGINE.decide(text)}


def assert_redacted(text: str, name: str) -> None:
    """``name`` is detected and redacted, and neither it nor its closed-up form is left in the output."""
    assert actions(text).get(name) == "redact", actions(text)
    redacted = ENGINE.redact(text).redacted
    assert name not in redacted and name.replace(" ", "").replace("\n", "") not in redacted


@pytest.mark.parametrize("text, name", [
    # a labelled field, whatever the surname (仉, 韶, 初 are surnames too)
    ("整改台账（经办人仉文涛，电话0908-4238571）", "仉文涛"),
    ("会议记录\n记录人：韶明远", "韶明远"),
    ("驾驶员 初建业　电话 0999-8123476", "初建业"),
    ("户主：多吉平措　配偶：央宗白珍\n户籍地：且末县", "多吉平措"),
    ("户主：多吉平措　配偶：央宗白珍\n户籍地：且末县", "央宗白珍"),
    ("参加人：哈力木　帕孜丽耶\n地点：村委会", "帕孜丽耶"),
    # the value before a person's number in its row
    ("补贴发放登记：马德全（13909946711）、海秀兰（13909946822）", "马德全"),
    ("诉求：其父虎生才（身份证号653022194805120016）反映", "虎生才"),
    ("奖补名单\n达明轩｜1,650.00｜6230 5102 8837 4629", "达明轩"),
    # a sex or an ethnic group after the value
    ("草原管护员：巴音达来（蒙古族）、图门吉雅（蒙古族）", "巴音达来"),
    ("1　盖宏伟　男　653001196702110155", "盖宏伟"),
    # the speaker of minutes
    ("审计发现的问题已整改。\n萨日朗（州财政局）：同意评审意见。", "萨日朗"),
    ("——Aigul Nurlanova（州外事办翻译）：外方合作项目已结项。", "Aigul Nurlanova"),
    ("依沙克江书记：今年收益比去年增加了15%。", "依沙克江"),
    # the other items of a list holding names
    ("扶持名单：马占英、马秀英、撒建忠、锁金兰，每户扶持资金5,000元", "锁金兰"),
    # a post with a colon, a name spaced out by a PDF, a list split by semicolons, JSON, a numbered line
    ("本裁决为终局裁决。\n仲裁员：萨其拉图", "萨其拉图"),
    ("经营者：覃 德 旺\n经营者身份证：见附件", "覃 德 旺"),
    ("一等奖：端木青；司马婉清；向晓方\n奖金发至学生本人银行卡", "向晓方"),
    ('{"task":"走访","target":{"name":"洛桑","phone":"见系统"}}', "洛桑"),
    ("请以下同志报送签字版：\n1. 闻人晓月（县审计局）\n2. 古再丽（县统计局）", "闻人晓月"),
    ("拟任某乡党委书记。央宗拉姆，女，藏族，1988年9月生", "央宗拉姆"),
    # one name per line with its place
    ("获奖名单\n阿不都热依木·艾山（红旗乡）\n乔雅琴（团结乡）\n德吉措姆（牧业乡）\n全永植（朝阳村）", "全永植"),
    # a photo's caption, a chat export's writer
    ("图为萨仁图雅（左二）与牧民一起给羊注射疫苗", "萨仁图雅"),
    ("[00:50:33] 阿尔达克江：我这边补充一个情况", "阿尔达克江"),
    # pinyin with the surname in capitals, as on a certificate or a waybill
    ("学员：王磊（拼音：WANG Lei）　证书编号：S6543002", "WANG Lei"),
    ("Consignee: ZHAO Minghui, Horgos Port", "ZHAO Minghui"),
])
def test_a_name_is_redacted_by_where_it_stands(text, name):
    assert_redacted(text, name)


@pytest.mark.parametrize("text, word", [
    ("回访对象：方圆（患者本人，男，56岁）", "方圆"),  # a word of the dictionary in a person's field
    ("姓名\t面积\t金额\n努尔兰江\t12亩\t1,140.00元\n建设\t8亩\t760.00元", "建设"),  # a column of names
])
def test_an_ordinary_word_in_a_persons_place_goes_to_the_reviewer(text, word):
    assert actions(text).get(word) == "review", actions(text)


@pytest.mark.parametrize("text", [
    "（一）绩效评价目的、对象和范围。",
    "参加人：村民7人，村干部2人",
    "资助资金发放回执（学生签收）：我已收到2024年度助学金。",
    "审核人：绩效股（公章）",
    "如有疑问，请拨打电话0908-4279135。",
    "调查对象满意度达到92%，信访人满意率达89%。",
    "村民代表大会表决通过。",
    "姓名：高洁　性别：男　民族：汉族　身份证号：650102198702140035",
    "走访人补记：户主身份证号653022194805120016",
    "序号\t姓名\t天数\t金额\n1\t买买提江\t3\t450",
    "序号 购机者 机具品目 生产企业 数量",
    "主持人：村党支部书记\n记录人：村文书",
    "送修人：车队老王\n联系人：小吴",
    "审核人：人事股胡股长",
    "取件方式：邮寄，收件电话18199061234",
    "设备：GE Revolution\n检查部位：胸部平扫",
    "审核：乡残联专职委员\n审批：县残联",
])
def test_fields_posts_and_phrases_are_no_names(text):
    wrong = {t: a for t, a in actions(text).items()
             if a != "keep" and t in {"对象和范围", "和范围", "村民", "签收", "绩效股", "请拨打", "满意度", "满意率达",
                                      "大会表决", "汉族", "男", "补记", "天数", "男\u3000身份证",
                                      "机具品目", "村党支部", "村文书", "车队老王", "小吴", "人事股胡", "收件", "县残联",
                                      "GE Revolution"}}
    assert not wrong, wrong


def test_numbers_under_a_header_are_that_kind_even_without_a_label_or_a_check():
    text = ("序号\t姓名\t身份证号\t联系电话\t补贴卡号\n"
            "1\t阿力木·吐尔逊\t653022199603110731\t18599026618\t62170028700133643\n"
            "2\t石文博\t653022199808051032\t17799152304\t6217 0028 7001 3518 293")
    spans = {s.text: s.kind for s in ENGINE.analyze(text)}
    assert spans["62170028700133643"] == "bank_card"  # 17 digits, no label beside it
    assert spans["653022199808051032"] == "id_number"  # a wrong check digit in the ID column
    for value in ("653022199603110731", "18599026618", "6217 0028 7001 3518 293", "石文博"):
        assert value not in ENGINE.redact(text).redacted


def test_an_organisations_account_is_kept_and_a_persons_is_not():
    body = "开户名称：县职业技能培训学校（民办）\n开户银行：中国建设银行阿克苏分行\n账号：6505 0161 3600 0000 0982"
    table = "单位名称,开户银行,账号\n县财政局,农业银行,30-460101040001234\n县教育局,工商银行,3002003109200034567"
    contract = "贷款银行：农行阿克苏分行\n贷款合同号：65010120240000874"
    special = "收款账户：乡财政所零余额账户（账号3070 0101 0400 0812 9）"
    for text in (body, table, contract, special):
        assert not [s for s in ENGINE.analyze(text) if s.kind == "bank_card"], text
    person = ("申请单位：克州某项目管理有限公司\n收款人：努尔比耶·卡斯木（个人账户代收）\n"
              "收款卡号：6217 0030 1802 4471")
    assert "[银行卡号]" in ENGINE.redact(person).redacted
    assert "[银行卡号]" in ENGINE.redact("钱打到我的卡6230 5206 1100 5516 30上了").redacted


def test_a_chat_nickname_is_never_redacted_unasked():
    """A writer's nickname may hide a name: at most a person is asked (review), never redacted on a guess."""
    assert actions("[09:41] 沙漠之舟：@所有人 明天上午九点开会").get("沙漠之舟") in (None, "review")


def test_cards_in_every_grouping_and_a_mistyped_id_after_a_name():
    # a UnionPay card of 18 digits in groups of four and two, after a 卡 label and alone in a row
    assert ENGINE.redact("补助发放卡：6231 3803 0100 5527 37").redacted == "补助发放卡：[银行卡号]"
    roster = "护林员补助发放卡登记\n巴雅斯古楞  6217 3927 0101 4825 94\n兰秀云  6217 3927 0101 4826 02"
    out = ENGINE.redact(roster).redacted
    assert "6217 3927" not in out
    # a structured 18-digit ID whose check fails, right after a person in a roster: still that person's
    text = "核对表\n骆秀红  652323198111080227  核对一致\n阿拉腾高娃  652323198804093225  末位与户籍不一"
    spans = {s.text: s.kind for s in ENGINE.analyze(text)}
    assert spans.get("652323198804093225") == "id_number"
    # the same number with nobody before it is no one's ID (a mistyped value is a hard negative)
    assert not [s for s in ENGINE.analyze("批次 652323198804093225 已入库") if s.kind == "id_number"]


def test_the_column_under_a_persons_heading_is_redacted():
    text = "序号\t承包方\t成员数\t面积\n1\t官秀华\t4\t21.3\n2\t拜克热·阿吉\t6\t37.8"
    out = ENGINE.redact(text).redacted
    assert "官秀华" not in out and "拜克热·阿吉" not in out and "21.3" in out and "承包方" in out


@pytest.mark.parametrize("text, name", [
    # a roster extracted from a PDF: letters spaced apart, the sex a cell of its own
    ("民兵名单（扫描件）\n1 帕 哈 尔 丁 男 29 农民\n2 雷 小 蕾 女 25 卫生员", "雷 小 蕾"),
    ("学员名册\n3 帕 丽 娜 扎 女 家政服务员", "帕 丽 娜 扎"),
    # a name a line break cut in two, with or without letter spacing
    ("发放名册\n8 卢\n桂珍 女 保洁员", "卢\n桂珍"),
    ("签到（扫描件）\n郝 明\n远 县财政局 139 9980 1254", "郝 明\n远"),
    # the same name again, once spaced out by the transcription
    ("转写\n说话人1：请问是骆 文 山吗\n说话人2：对，我是骆文山", "骆 文 山"),
    # a compound surname the model reads without its first character, at a line's start
    ("评价团队：\n1. 长孙婉清，高级会计师；\n2. 帕丽娜扎·阿吉，工程师。", "长孙婉清"),
    # the name after a lead-in word, right before the person's ID
    ("拟将项目负责人变更为上官晓岚（身份证号：650104 19880312 4429）。", "上官晓岚"),
    # one per line after a date and a short label, among names
    ("调整记录\n2025-07 退出：裴秀云（再就业）\n2025-08 退出：阿依帕夏（本人申请）\n2025-08 新增：包玉山（因灾致困）",
     "包玉山"),
    # who did a step of a form, signed at its foot; a log line with the role in brackets
    ("考勤汇总\n应出勤22天\n统计：央金卓玛", "央金卓玛"),
    ("流转记录\n2025-06-02 10:14 蓝天佑（经办）提交\n2025-06-02 16:40 审核通过", "蓝天佑"),
    # a household named by its head, the model reading one character short
    ("经评议，取消已外出务工有稳定收入的谭玉山户低保资格。", "谭玉山"),
    # a rare surname (百家姓), a title right after the name
    ("访谈员：请过专家吗？\n受访者：请过，县农技中心的茹秀英老师来过两次。", "茹秀英"),
])
def test_names_as_pdf_ocr_and_logs_write_them(text, name):
    assert_redacted(text, name)


def test_a_kin_word_before_a_dotted_name_and_a_sex_after_a_spaced_one_stay():
    text = "学生：吐拉克江·塔依尔，家长塔依尔江·吐送\n名册\n1 帕 哈 尔 丁 男 29\n2 雷 小 蕾 女 25\n户主：张 兰\n住址同上，电话：13909912345"
    redacted = ENGINE.redact(text).redacted
    assert "家长[姓名]" in redacted and " 男 29" in redacted and " 女 25" in redacted
    assert "住址同上" in redacted  # a field's words before a phone are no name


def test_a_one_part_name_of_transliteration_sounds_in_running_text():
    """Four or more transliteration characters in which jieba knows no common word are a name's
    sounds; the words about it (我和, 今天, 来领) stay, a nickname of words and a road are no name."""
    assert ENGINE.redact("站里就我和阿布都孜木两个人，要管十二个村。").redacted == "站里就我和[姓名]两个人，要管十二个村。"
    assert ENGINE.redact("今天托合沙克来领了补贴。").redacted == "今天[姓名]来领了补贴。"
    for text in ("评论：戈壁红柳说得对", "地址：克孜都维路12号"):
        assert ENGINE.redact(text).redacted == text


def test_the_parts_of_a_transliterated_name_with_a_space_for_the_dot():
    assert ENGINE.redact("银行登记为“阿卜都沙迪克 吐送”，清单为“阿卜都沙迪克·吐送”").redacted == "银行登记为“[姓名]”，清单为“[姓名]”"


def test_a_machines_export_with_an_english_name_column():
    text = ("考勤机原始记录\nUserID\tName\tTime\tVerify\n00031\tDilnur\t2024/11/04 08:51:07\tFace\n"
            "00032\tYerlan Sadyk\t2024/11/04 08:52:10\tFace")
    assert ENGINE.redact(text).redacted == ("考勤机原始记录\nUserID\tName\tTime\tVerify\n00031\t[姓名]\t2024/11/04 08:51:07\tFace\n"
                                            "00032\t[姓名]\t2024/11/04 08:52:10\tFace")


@pytest.mark.parametrize("text, kept", [
    ("联系人：财政局绩效股张先生，电话0908-4279135", "张先生"),  # a surname and a title names nobody
    ("有事找薛连长。乡里的汪工来验收过。", "薛连长"),
    ("经办人：李会计（医保中心）", "李会计"),
])
def test_a_surname_with_a_title_is_kept_with_its_reason(text, kept):
    decision = next(d for d in ENGINE.decide(text) if d.span.text == kept)
    assert decision.action == "keep" and decision.reason == "姓氏加称谓，未指明姓名"
    assert kept in ENGINE.redact(text).redacted


@pytest.mark.parametrize("text", [
    "评审专家应独立评分，项目经理应具备相应资质。",
    "排班表\n周二 塔依尔江、钮建业\n周三 克里木江、马海军",
    "裁决书 昌劳人仲案字〔2024〕第15号",
    "建筑工程专业  中级职称  0994-2338120",
    "村第一书记：主持会议",
    "Aqto Nahiyilik Maliye Idarisi / 阿克陶县财政局; Horgos Port; Kyrgyz Republic",
])
def test_weekdays_modal_verbs_document_numbers_and_bodies_are_no_names(text):
    out = ENGINE.redact(text).redacted
    for word in ("应独立", "应具备", "周二", "周三", "仲案字", "中级职称", "村第一", "Maliye Idarisi", "Horgos Port",
                 "Kyrgyz Republic"):
        if word in text:
            assert word in out, out


@pytest.mark.parametrize("text, name", [
    ("短信接收号码导入文件：\n13999087716\n1 3 9 9 8 0 7 6 6 2 4\n139-9908-1185", "1 3 9 9 8 0 7 6 6 2 4"),
    ("联系方式：阿孜古娜·吐送 (+86)136 9990 8123", "(+86)136 9990 8123"),
    ("通讯录（另存为文本）\n司马玉洁\\t绩效股\\t137 7998 2261", "137 7998 2261"),
    ("Name,Title,Email\nQIAN Mo,Consultant,qianmo#tianyuanpg.com", "qianmo#tianyuanpg.com"),
    ("申请人身份证号与人事系统记录不一致（申请表为653022199712310090，人事系统为另一号码）", "653022199712310090"),
    ("支付宝转账电子回单：付款方景佳怡（135****6620），收款方单于骁（hu***@163.com）", "单于骁"),
    ("防疫档案照片OCR：\n畜 主：帕 提 古\n身份证：见附件", "帕 提 古"),
    ("防疫员签字：努尔丁江　监督员签字：黄晓曦", "努尔丁江"),
    ("接待清单（手写转录）：来宾司徒\n明睿等3人，系省工商联调研组", "司徒\n明睿"),
    ("个人捐款登记：鲜于德亮 1000元，帕丽娜扎 500元", "鲜于德亮"),
    ("发放表\n玛依热·吐送　6230 5601 7713 0325　8000.00\n金秋　6230560177131547　6500.00", "金秋"),
])
def test_identifiers_and_names_in_exports_receipts_and_registers(text, name):
    assert_redacted(text, name)


def test_an_example_of_a_wrong_id_is_no_ones_id():
    text = "身份证号码校验演示：示例号码653022199001010017的校验位不正确"
    assert not [s for s in ENGINE.analyze(text) if s.kind == "id_number"]


@pytest.mark.parametrize("text, name", [
    ("户主因银行卡挂失，由其子闵成龙代领。", "闵成龙"),  # a kin word before the name
    ("紧急派车：乘车人斯琴图雅（局长）手机138-9917-2630", "斯琴图雅"),
    ("第二中标候选人：某监理有限公司，总监理工程师尕藏多吉", "尕藏多吉"),  # a post before the name
    ("投诉人钮祜禄·恒安，委托代理人为律师", "钮祜禄·恒安"),  # a Manchu clan name, dotted
    ("股室成员——蓝海（股长）、白露、玛依热·吐送、实习生余秋", "余秋"),  # a list after a dash, a label on an item
    ("请托合江书记核一下", "托合江"),  # transliteration before a title
    ("未回复3人（阿依帕夏、林木春、宁远），已电话通知。", "宁远"),  # a list inside brackets
    ("Principal: KADIR Ablet, ID No. 653001197203154512", "KADIR Ablet"),
    ("登记簿\n9月2日\u3000孟和达来\u3000原卡消磁\u3000新卡6230560177104425", "孟和达来"),  # a date's 日 is no part of it
])
def test_names_by_kin_posts_titles_and_lists(text, name):
    assert_redacted(text, name)


def test_a_new_card_is_no_name_and_letters_spaced_by_ideographic_spaces_are_closed_up():
    assert "新卡" in ENGINE.redact("登记簿\n9月2日　孟和达来　原卡消磁　新卡6230560177104425").redacted
    assert ENGINE.redact("签到\n1　骆　宏　志　县财政局").redacted.startswith("签到\n1　[姓名]")


def test_posts_points_and_former_records_before_numbers_are_no_names_and_a_hyphen_joins_a_name():
    text = ("姓名,单位,职务,手机\n吕梦琪,县财政局,股长,13899086125\n侯建安,县审计局,副局长,18935862208\n"
            "发放人：服务点柯蕾，服务点电话（0991）2877 121\n原户主：塔依尔江·吐送（已故，原登记证件号653022360405031）\n"
            "受托人：阿布都瓦伊提-吐送\nZheng'an Foundation and Tianheng Law Firm; Asian Development Bank")
    out = ENGINE.redact(text).redacted
    for kept in ("副局长", "服务点电话", "原登记证件号", "Zheng'an Foundation", "Tianheng Law Firm", "Asian Development"):
        assert kept in out, out
    assert "阿布都瓦伊提" not in out and "吐送" not in out


@pytest.mark.parametrize("text, name", [
    ("值班记录\n带班领导：尤光耀  值班人员：柯依兰", "尤光耀"),  # who led the shift, signed with a colon
    ("回执：某乡参会人员：衡建民（乡党委书记）、吐拉克江·塔依尔（乡长）。", "衡建民"),  # X人员 is a label
    ("满意度评价导出\n18-4-044\tErmek（叶尔麦克）\t县农业农村局\t满意", "叶尔麦克"),  # a Latin name and its Chinese form
    ("代表来信：我是县人大代表胡安·卡洛斯（回族，经商），去年建议的农贸市场改造资金落实了。", "胡安·卡洛斯"),
    ("Host: Foreign Affairs Office, Tel: +996 555 318 204", "+996 555 318 204"),  # a foreign number
    ("OCR 识别（质量较差）：\n销售方电话：0997-43l8027", "0997-43l8027"),  # OCR read a 1 as l
])
def test_names_and_numbers_in_receipts_rosters_and_letters(text, name):
    assert_redacted(text, name)


def test_an_id_is_never_a_credit_code_and_shops_places_and_payment_labels_are_no_names():
    spans = {s.text: s.kind for s in ENGINE.analyze("姚 远 653022199011153219（预约系统录入错误，已电话核实）")}
    assert spans["653022199011153219"] == "id_number"  # 65… is no registration kind of GB 32100
    text = ("销售方：温宿县帕丽娜扎烤馕店（个体工商户）\n单 位：依沙来木其乡\n包户干部：阎某\n"
            "代扣账号：6222 0830 0417 7215\n1976年生，汉族\n发放人：工会干事。")
    out = ENGINE.redact(text).redacted
    for kept in ("帕丽娜扎烤馕店", "依沙来木其乡", "包户干部", "代扣账号", "1976年生", "工会干事"):
        assert kept in out, out


@pytest.mark.parametrize("text, value", [
    ("补发名单\n郗秀兰 65420219600412 0815 6217231005008811 006", "6217231005008811 006"),  # 16+3
    ("慰问金发放\n雍 敏 500元 6 2 2 2 0 2 3 1 0 5 0 0 7 7 1 0 0 0 1", "6 2 2 2 0 2 3 1 0 5 0 0 7 7 1 0 0 0 1"),
    ("殷某之女 阮 静 — 13988 0716 53", "13988 0716 53"),  # a mobile cut 5-4-2 after a dash
    ("申请人华 宁  联系电话 0 9 0 1 - 6 5 3 3 2 0 8  身份证见附件", "0 9 0 1 - 6 5 3 3 2 0 8"),
    ("委托书：本人阮 静因在外地工作无法亲自办理，委托其父代办。", "阮 静"),  # one stray space in prose
    ("党员签到\n1 乔 梅（县财政局）\n2 燕 飞（县医院）", "燕 飞"),  # numbered by a bare number
])
def test_cards_phones_and_names_as_rosters_and_scans_write_them(text, value):
    assert_redacted(text, value)


def test_a_forms_sample_names_and_a_title_after_a_surname_are_kept():
    decisions = {d.span.text: d for d in ENGINE.decide("说明：申请表中“张三”“李四”为填写示例。经办民警：李警官")}
    assert decisions["张三"].action == "keep" and decisions["张三"].reason == "填写示例中的姓名，不指向真人"
    assert "李警官" in ENGINE.redact("经办民警：李警官").redacted


@pytest.mark.parametrize("text, value", [
    ("养护员聘用协议：甲方乡人民政府，乙方阚 刚，身份证见附件。", "阚 刚"),  # a stray space in prose, 乙方 bare
    ("原始凭证背面手写：已电话联系（13617 9835 02），明天送来。", "13617 9835 02"),
    ("领款人电话：１３７・９９１６・４２０５", "１３７・９９１６・４２０５"),  # a middle dot between the groups
])
def test_a_stray_space_a_bracketed_mobile_and_dotted_groups(text, value):
    assert_redacted(text, value)


def test_a_post_ending_in_ren_and_a_pseudonyms_household_are_no_names():
    assert ENGINE.redact("由班主任戚老师电话确认；经询问为村民马某家盖房所用；会议由王局主持。").redacted == \
        "由班主任戚老师电话确认；经询问为村民马某家盖房所用；会议由王局主持。"
    out = ENGINE.redact("被评价人：戚 晴 评价：偶尔迟到。")
    assert out.redacted.startswith("被评价人：[姓名]") and "评价：偶尔迟到" in out.redacted


@pytest.mark.parametrize("text, value", [
    # a two-character name padded to three characters' width, a three-character one spaced out,
    # in text that is otherwise not spaced
    ("报账分工：所长全面负责；喻 晨负责村级报账；邵 宁负责资产管理。", "喻 晨"),
    ("移民直补确认：本人乔 芸确认上述人数无误。", "乔 芸"),
    ("另有个体工商户一家（经营者蔺 远 航）申请2人。", "蔺 远 航"),
    # a dotted name broken by a line after its letter-spaced first part
    ("财务室：请将帕 孜 丽 ·\n努 尔 的劳务费转入其工资卡。", "帕 孜 丽 ·\n努 尔"),
])
def test_names_spaced_apart_in_unspaced_text(text, value):
    assert_redacted(text, value)


def test_an_ordinary_word_spaced_apart_is_reviewed_and_a_spaced_heading_is_no_name():
    assert actions("值班安排：周一由（股长）周 到负责接待。").get("周 到") == "review"
    heading = "2024年度支出明细表\n单 位 ： 万 元\n项 目 名 称   预 算 数"
    assert ENGINE.redact(heading).redacted == heading
    assert ENGINE.redact("评审专家：正高级工程师　克州水利局").redacted == "评审专家：正高级工程师　克州水利局"


@pytest.mark.parametrize("text, value", [
    # Tibetan and Mongolian names made of their given names' syllables, no surname
    ("筛查登记：白玛措、次仁达瓦已参加，结果正常。", "白玛措"),
    ("村民巴特宝音作证，确有此事。", "巴特宝音"),
    ("护林员：那仁图雅，本月巡护22天。", "那仁图雅"),
])
def test_tibetan_and_mongolian_names_of_name_syllables(text, value):
    assert_redacted(text, value)


def test_a_lone_tibetan_given_name_is_reviewed_and_places_and_a_flower_are_kept():
    lone = [s for s in syllable_names.find("帐篷边登记　德央　已参加筛查") if s.text == "德央"]
    assert lone and lone[0].confidence < REDACT_AT
    kept = "格尔木市、额尔古纳市的牧民说格桑花开了。"
    assert ENGINE.redact(kept).redacted == kept


@pytest.mark.parametrize("text, value", [
    ("境外务工人员登记；联系人Aidana，电话见附件。", "Aidana"),  # one Turkic given name in Latin script
    ("这笔油费由Nurzhan经手，下月报销。", "Nurzhan"),
    ("（微信群）@Wang Fang 明天的宣讲你能来吗", "Wang Fang"),  # a Latin @-mention
    ("申请人SERIK Kuban（谢里克·库班），用途：留学", "SERIK Kuban"),  # with its Chinese form
])
def test_latin_given_names_mentions_and_bracketed_chinese_forms(text, value):
    assert_redacted(text, value)


def test_english_words_and_email_addresses_are_no_latin_names():
    kept = "请用Excel填报后通过WeChat发送，或发邮件至report@example.cn。"
    assert ENGINE.redact(kept).redacted.startswith("请用Excel填报后通过WeChat发送")


def test_a_relative_annotated_by_kinship_and_a_surname_that_is_also_a_money_verb():
    found = name_slots.annotated("监护人 戴玉琴（姑母） 199-0000-0000\n户主（本人）")
    assert [(s.text, s.reason) for s in found] == [("戴玉琴", "后注亲属关系的姓名")]  # 户主 is a label
    assert judge("付雨桐") is not None  # 付 is a surname too, not only a payment
    assert judge("付工资") is None and judge("代发") is None


def test_an_uncertain_name_written_twice_is_redacted_and_payments_are_no_names():
    text = "回执：分管副乡长贲文博参加会议。联系人贲文博，电话另行告知。"
    assert {d.action for d in ENGINE.decide(text) if d.span.text == "贲文博"} == {"redact"}
    assert ENGINE.redact("请于月底前付工资，代发至职工账户。").redacted == "请于月底前付工资，代发至职工账户。"


def test_an_english_at_before_a_real_address_and_a_pinyin_compound_surname():
    text = "Please contact Ms. Aliya Serikova at a.serikova@example.org for the forum."
    out = ENGINE.redact(text).redacted
    assert "Aliya Serikova" not in out and "a.serikova@example.org" not in out and "[邮箱]" in out
    assert_redacted("护照信息\n姓名（中文） 姓名（拼音）\n司徒佳怡 SITU JIAYI", "SITU JIAYI")


def test_a_kinship_with_more_after_it_and_office_short_names_are_no_names():
    assert_redacted("供养亲属：褚万年（父，68岁）每月按工资的30%", "褚万年")
    kept = "当事人陈述：饲料是从外地进的货。\n派驻专家（新疆农业大学，林果）"
    assert ENGINE.redact(kept).redacted == kept


def test_a_dotted_name_whose_first_part_holds_a_rarer_transliteration_character():
    assert_redacted("经评审，阿依宛古丽·托合提，获一等奖。", "阿依宛古丽·托合提")


def test_whatever_the_model_proposes_that_is_no_common_word_goes_to_a_person():
    from portal.deid.name_combine import combine_names
    from portal.deid.spans import span_at

    text = "答复书\n隗远舟、老王：关于林果补贴，本机关已收到您的申请。"
    model = [span_at("person_name", text, text.index(w), text.index(w) + len(w), 0.3, "统计模型（LAC）识别为人名")
             for w in ("隗远舟", "老王", "林果")]
    out = {s.text: s.confidence for s in combine_names(text, [], model, [])}
    assert list(out) == ["隗远舟"] and REVIEW_AT <= out["隗远舟"] < REDACT_AT  # a rare surname: reviewed


def test_a_name_the_model_reads_one_character_short_is_widened_only_before_what_follows_names():
    from portal.deid.name_combine import combine_names
    from portal.deid.spans import span_at

    def widened(text: str, short: str) -> list[str]:
        start = text.index(short)
        model = [span_at("person_name", text, start, start + len(short), 0.8, "统计模型（LAC）识别为人名")]
        return [s.text for s in combine_names(text, [], model, [])]

    assert widened("经调解，覃立东与承包方达成一致。", "覃立") == ["覃立东"]
    assert widened("验收人员\t闫文彬\t已签", "闫文") == ["闫文彬"]
    # a verb, a word of its own or 同志 after the model's name leaves it as read
    assert widened("会上覃振说明了情况。", "覃振") == ["覃振"]
    assert widened("闫涛收到通知后", "闫涛") == ["闫涛"]
    assert widened("请闫涛同志参会", "闫涛") == ["闫涛"]


def test_rare_given_characters_after_a_label_or_between_names_and_a_list_led_by_a_tibetan_name():
    rules = NameRecogniser()
    assert [s.text for s in rules.find("承诺书\n本人戚可萱，现就读于县第二中学。")] == ["戚可萱"]
    assert [s.text for s in rules.find("演出名单：邬秀芝、冯有田；伴奏待定")] == ["邬秀芝", "冯有田"]
    # a dictionary word that is also a name, next to a name of syllables: the reviewer decides
    assert actions("合唱组：拉巴卓嘎、海燕\n伴奏组：") == {"拉巴卓嘎": "redact", "海燕": "review"}


def test_the_parties_of_a_contract_and_a_manchu_compound_surname_are_labels_and_surnames():
    rules = NameRecogniser()
    assert [s.text for s in rules.find("交易登记　卖方：依明江　买方：阿斯哈尔　品种：牛")] == ["依明江", "阿斯哈尔"]
    assert [s.text for s in rules.find("房屋租赁备案\n承租方：褚立新")] == ["褚立新"]
    assert [s.text for s in rules.find("借支单：本人完颜博（满族）借支差旅费800元")] == ["完颜博"]
    assert actions("甲方：县水利局　乙方：县畜牧兽医站") == {}


def test_a_persons_account_whose_bank_is_a_body_and_phones_written_after_one_another():
    text = "户名：甘小梅　开户行：县农村信用合作联社城南分社\n卡号：6217 0093 8164 5270 316"
    assert actions(text) == {"甘小梅": "redact", "6217 0093 8164 5270 316": "redact"}  # the body is the bank's
    assert actions("联系电话：0906-3185472　177-0906-4318") == {"0906-3185472": "redact", "177-0906-4318": "redact"}
    assert actions("紧急联系人：女儿，+86 (0998) 312-5678") == {"+86 (0998) 312-5678": "redact"}
    assert actions("电话 0086-0906-3725184") == {"0086-0906-3725184": "redact"}
    assert actions("电话：0906－3185472（分机6032）") == {"0906－3185472（分机6032）": "redact"}  # the extension with it
    assert actions("彩票序列号：0621-4471-2290-3318-6605") == {}  # groups of a serial number are no landline


def test_a_row_of_fields_does_not_run_on_into_the_next_line_and_a_role_is_no_part_of_a_name():
    text = "面试记录：主考官A：钱文博　主考官B：米热古丽·阿不都\n考生努尔比亚　得分85\n考生邓志强　得分79"
    assert ENGINE.redact(text).redacted == "面试记录：主考官A：[姓名]　主考官B：[姓名]\n考生[姓名]　得分85\n考生[姓名]　得分79"


def test_compound_surnames_after_kin_and_manchu_surnames_and_places_and_forms_of_address_that_are_no_names():
    assert_redacted("材料：其女上官悦入学证明", "上官悦")
    assert actions("补贴名单\n富察文昊　200元\n佟佳秀兰　200元") == {"富察文昊": "redact", "佟佳秀兰": "redact"}
    assert actions("护林点：阿克布拉克　护林员：艾尔肯") == {"艾尔肯": "redact"}  # a spring's name is a place's
    assert actions("邻居方阿婆送来一篮鸡蛋") == {"方阿婆": "keep"}
    # a surname-like character before a verb of the dictionary (杨|等同) is no name's start
    assert ENGINE.redact("特别感谢老郑、小杨等同志连夜抢修。").redacted == "特别感谢老郑、小杨等同志连夜抢修。"


def test_names_a_writer_sets_apart_with_spaces_are_read_whole_and_the_words_between_them_stay():
    assert ENGINE.redact("撤回申请：本人 其其格楞 对投诉内容无异议").redacted == "撤回申请：本人 [姓名] 对投诉内容无异议"
    assert actions("调解员 乌日根其其格。") == {"乌日根其其格": "redact"}
    text = "进山人员中 林振宇 于 17:40 出山，麦麦提江·吐尔逊 于 18:10 出山。"
    assert ENGINE.redact(text).redacted == "进山人员中 [姓名] 于 17:40 出山，[姓名] 于 18:10 出山。"
    # a comma after names listed with 、 starts the sentence's next part: no name there
    text = "抽查对象 蔺建勋、阿不来提·吾守尔、韩雪梅，存栏母羊 300 只"
    assert ENGINE.redact(text).redacted == "抽查对象 [姓名]、[姓名]、[姓名]，存栏母羊 300 只"


def test_a_one_syllable_name_beside_names_and_a_surname_with_a_post_or_a_clan_word():
    assert actions("烘烤工其木格、旺堆、刘建军三人本月班次各26个")["旺堆"] == "redact"
    assert actions("林场登记\n负责人：韩场长\n接收人：李会计、丁保管") == {"韩场长": "keep", "李会计": "keep", "丁保管": "keep"}
    assert actions("院里住着一位孟姓老人") in ({}, {"孟姓": "keep"})
    assert NameRecogniser().find("获奖名单：朴正浩（朝鲜族）")[0].text == "朴正浩"


def test_a_shops_word_in_the_next_cell_and_a_dotted_name_before_and_a_name_stay_apart():
    text = "编号 户主姓名 来源\nA-01 夏提古丽·乌守尔 商店购买\nA-02 钟春林 集市购买"
    assert ENGINE.redact(text).redacted == "编号 户主姓名 来源\nA-01 [姓名] 商店购买\nA-02 [姓名] 集市购买"
    assert actions("店名：热合曼 烤馕店（个体）") == {}  # a shop named after its owner
    text = "值班记录：民警夏提古丽·乌守尔和唐浩一同走访，陪同其丈夫托乎提·阿吉按时返岗。"
    assert ENGINE.redact(text).redacted == "值班记录：民警[姓名]和[姓名]一同走访，陪同其丈夫[姓名]按时返岗。"


def test_numbers_with_a_bracketed_zero_or_grouped_after_86_an_old_id_after_a_credentials_label_and_codes_of_pupils():
    assert actions("联系电话：+86 906 548 2713") == {"+86 906 548 2713": "redact"}
    assert actions("电话 +86 (0)906 5381 274") == {"+86 (0)906 5381 274": "redact"}
    assert actions("手机 +86 (0)177 2604 8839") == {"+86 (0)177 2604 8839": "redact"}
    # fifteen digits after 证件：, whatever their date says: that person's old ID, mistyped
    assert actions("委托人证件：659004197312284（旧版身份证）") == {"659004197312284": "redact"}
    assert "学号" not in actions("学号\t姓名\n2031507\t陆思远\n2031508\t韩梦瑶")
    assert [s.text for s in NameRecogniser().find("验收人：龚少军、邵建宁")] == ["龚少军", "邵建宁"]


def test_more_forms_of_address_field_names_of_prepaid_cards_and_a_figure_of_history_stay():
    assert actions("会议由冯主席主持，孙裁判记分，何参谋列席") == {"冯主席": "keep", "孙裁判": "keep"}
    assert actions("会员\t储值\t余课\n韩梦瑶\t2000\t12") == {"韩梦瑶": "redact"}
    assert actions("讲解员讲述成吉思汗的故事") == {}


def test_a_wordy_name_opening_a_turn_of_a_transcript_and_dotted_halves_found_apart():
    text = "调解笔录\n调解员：请双方陈述。\n车长江：我家院墙是自己出钱砌的，邻居的车把墙撞倒了。\n苗青山：我承认，但要求的钱太多。"
    assert [s.text for s in name_slots.speakers(text)][:1] == ["车长江"]  # 长江 is a word: a turn says who
    assert name_slots.speakers("车长江：我家院墙是自己出钱砌的。") == []  # one line is no transcript

    from portal.deid.span_mending import dotted_halves_joined as _dotted_halves_joined
    from portal.deid.spans import span_at

    text = "股长喀迪江·吾提库未按规定审核。"
    halves = [span_at("person_name", text, 2, 5, 0.85, "前"), span_at("person_name", text, 6, 9, 0.9, "后")]
    assert [(s.text, s.confidence) for s in _dotted_halves_joined(text, halves)] == [("喀迪江·吾提库", 0.9)]
    # one half found, transliteration sounds across the dot: the whole name
    assert [s.text for s in _dotted_halves_joined(text, halves[:1])] == ["喀迪江·吾提库"]
    # a clan's two characters and a given name letter-spaced after one space: one name
    text = "收款人：那拉 春 晖（满族）"
    parts = [span_at("person_name", text, 4, 6, 0.85, "前"), span_at("person_name", text, 7, 10, 0.85, "后")]
    assert [s.text for s in _dotted_halves_joined(text, parts)] == ["那拉 春 晖"]


@pytest.mark.parametrize("text, value", [
    ("入住登记\n房号 入住人 入住日期 联系电话\n2-302 鲁佳禾 2025.08.27 0998-2851234", "0998-2851234"),  # after a date
    ("学校对接人鲁佳禾（1512 0903 8826）负责接待。", "1512 0903 8826"),  # a number in brackets after a name
    ("入户照片说明：网格员甘  棠将面粉送到五保户家中。", "甘  棠"),  # padded with two spaces after a post
    ("已委托邻居 白玛卓嘎 照看老人。", "白玛卓嘎"),  # a name of syllables wider than the rules' 白玛
])
def test_numbers_after_dates_and_names_and_padded_or_syllable_names(text, value):
    assert_redacted(text, value)


def test_a_dictionary_word_opening_a_transcript_turn_is_reviewed_and_a_member_title_is_kept():
    text = "座谈会记录\n黄河：我在村里主要负责电商站，也管村务公开。\n主持人：好的，下一位。\n赵晓冬：我这边重点是监测，每月入户两次。"
    assert actions(text).get("黄河") == "review"
    assert ENGINE.redact("请马委员督促一下，周五前报乡组织办。").redacted == "请马委员督促一下，周五前报乡组织办。"


def test_an_id_broken_after_its_hyphen_a_compound_surname_padded_and_a_mistyped_individual_business_code():
    body = "65232519800101"
    number = body + "0" + "01" + id_check_char(body + "001")
    text = f"反馈人：某某\n身份证：{number[:6]}-{number[6:14]}-\n{number[14:]}\n反馈时间：2025年6月2日"
    assert "[身份证号]" in ENGINE.redact(text).redacted and number[14:] not in ENGINE.redact(text).redacted
    assert_redacted("护路员外出务工，由欧阳 朗接替。", "欧阳 朗")
    assert_redacted("2. 帮助残疾户冉 福 生申请轮椅1台", "冉 福 生")
    code = "92654202MA7GQ83N1"
    wrong = next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != check_char(code))
    assert ENGINE.redact(f"商户：雪山冰饮（个体工商户，{code}{wrong}）").redacted == "商户：雪山冰饮（个体工商户，[信用代码]）"


def id_check_char(body17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights, strict=True)) % 11]


def test_a_name_right_after_a_kinship_word_in_a_sentence():
    found = name_kin.after_kin("当事人与妻子德央因子女上学问题争执；请假期间由其丈夫喀热木顶岗；其父亲年迈，妻子无业。")
    assert [s.text for s in found] == ["德央", "喀热木"]


def test_a_changed_field_and_a_group_after_a_conjunction_are_no_names():
    assert judge("变更后") is None and judge("整改前") is None  # 变更后负责人：… / 变更后联系电话：…
    assert judge("和村民") is None and judge("经审查") is None
    assert judge("和建国") is not None  # 和 is a surname too


def test_field_names_of_form_rows_self_introductions_and_a_plots_boundaries():
    rows = "信息表\n申请人 芮振国  652902197103052011\n配偶 骆 秀 琴  652902197407222024\n申请人 邝文山  652902198811090814"
    assert "申请人" not in {d.span.text for d in ENGINE.decide(rows)}  # field names, not a column of names
    assert actions("后来才知道他叫邬建业，是县二中的老师。").get("邬建业") in ("redact", "review")
    assert_redacted("四至：东至村道，南至芮 永 福宅基地，西至空地", "芮 永 福")


@pytest.mark.parametrize("text, value", [
    ("代发清单（退回重报）\n冯德胜 6228 4811 3570 2461 000 3,800.00", "6228 4811 3570 2461 000"),  # a mistyped card
    ("更正说明：银行卡号误填为6228481135702461000，请以更正后卡号为准。", "6228481135702461000"),
    ("签到表\n序号 姓名 年龄 联系电话\n4 秀英 81 0994-6128830", "0994-6128830"),  # a landline after an age
    ("受检人 冯德胜，电话 139 9071 3 582，身份证待补。", "139 9071 3 582"),  # a mobile in odd groups after a label
    ("如有疑问请电话133 0996 2817 分机 203。", "133 0996 2817 分机 203"),  # a mobile's extension
])
def test_mistyped_cards_landlines_after_small_cells_and_mobiles_in_odd_writings(text, value):
    assert_redacted(text, value)


def test_an_organisations_mistyped_account_is_no_card_of_a_person():
    text = "供应商对公账号 6228 4811 3570 2461 000（不是个人卡）。"
    assert "bank_card" not in {d.span.kind for d in ENGINE.decide(text) if d.span.reason.startswith("姓名后或卡号语句")}


def test_an_item_built_like_its_neighbours_around_a_name_is_a_name():
    # 某某 320元；某某 415元；白云 290元: the same words and figures around each item's first word
    assert actions("补助发放：隋立平 320元；程雁秋 415元；白云 290元。").get("白云") == "redact"
    # villages in the same shape are no names: no two items hold a name
    assert "白云" not in actions("补助发放：城关镇 320元；团结村 415元；白云 290元。")


def test_other_padded_names_on_a_line_make_no_heading_and_a_numbers_unit_is_no_surname():
    # (奚 岚 after 的 is a name too: the e-mail of that person)
    assert [s.text for s in padded_names.find("给柏 岚的留言：你要的奚 岚的邮箱在群里。")] == ["柏 岚", "奚 岚"]
    assert padded_names.find("值班：第2周 柏岚；第3周 韦东") == []


def test_a_bodys_account_after_its_holder_or_payee_is_kept_and_a_unionpay_card_is_not():
    for text in ("开户证明：户名 县书画研究会，账号 3045 0555 0400 6789 1，开户行农行城关支行。",
                 "拨付单：收款单位县第三小学，账号 3045 0555 0400 6789 1，金额2万元。"):
        assert "bank_card" not in {d.span.kind for d in ENGINE.decide(text)}, text
    assert_redacted("拨付单：收款单位县第三小学，账号 6222 0231 0033 9075 793。", "6222 0231 0033 9075 793")


def test_a_fifteen_digit_number_after_another_documents_label_is_no_old_id():
    assert "654322780815093" not in actions("居住证领取：戈晓川 居住证号 654322780815093 签收")
    assert_redacted("戈晓川 身份证号 654322780815093", "654322780815093")


@pytest.mark.parametrize("text, value", [
    ("活动由志愿者鞠 岚负责。", "鞠 岚"),  # the model reads a letter-spaced name
    ("应到12人，实到10人；病假1人（白桦），事假1人（杭一帆）。", "白桦"),  # the people counted, in brackets
    ("申请人羊志远不服县财政局的答复。", "羊志远"),  # a rare surname
    ("得分：1.隋立平 92分 2.程雁秋 88分 3.白云 85分 4.杭一帆 80分", "白云"),  # numbered on one line
    ("理事会：会长 隋立平；副会长 程雁秋、韦东、车成功；秘书长 杭一帆。", "车成功"),  # posts before names
])
def test_names_counted_numbered_listed_after_posts_and_letter_spaced(text, value):
    assert_redacted(text, value)


def test_a_kinship_word_and_a_post_or_field_in_a_list_are_no_names():
    assert "母亲" not in actions("紧急联系人：母亲，电话略。")
    found = actions("理事会：会长 隋立平；副会长 程雁秋、韦东；秘书长 杭一帆。曾用名 隋立")
    assert not {"会长", "副会长", "秘书长", "曾用名"} & set(found), found


def test_a_grandparent_a_verb_and_a_corrections_verb_are_no_part_of_a_name():
    found = actions("实际监护人：祖母戈秀兰")
    assert found == {"戈秀兰": "redact"}, found
    assert actions("产妇持出院小结到乡镇卫生院申领。") == {}
    assert actions("更正：姓名应为祖丽菲娅·沙肯，特此更正。") == {"祖丽菲娅·沙肯": "redact"}


def test_masked_names_dotted_names_trimmed_domain_words_and_shops_and_rows_alike_up_to_the_name():
    assert actions("购房补贴公示\n1. 某某小区 申请人：王某华 面积90㎡\n2. 某某花园 申请人：次某卓玛 面积80㎡") == \
        {"王某华": "keep", "次某卓玛": "keep"}  # masked inside: already anonymous
    assert actions("会议决定，任命库都斯·艾沙等5人为人民陪审员。") == {"库都斯·艾沙": "redact"}
    assert actions("犬主祖丽菲娅·沙肯因住院，委托邻居代为办理。") == {"祖丽菲娅·沙肯": "redact"}
    assert actions("查验2003年林权证；宣讲林权抵押政策。名单中“刘记汽修铺”曾两次逾期。") == {}
    # rows alike up to the name's cell, whatever follows it (no phone in the second row)
    rows = "专家签到\n1. 隋立平 水利 联系电话13909917000 确认参加\n2. 戈晓川 造价 确认参加\n3. 邵雨晨 财务 确认参加"
    assert {"隋立平", "戈晓川", "邵雨晨"} <= set(actions(rows))
    assert "自建房" not in actions("入户采集\n户主 : 邰 建 明\n人口 : 4\n住房 : 自建房 砖混 96㎡")


def test_a_greeted_name_a_mobile_after_plus_86_in_odd_groups_and_words_of_forms_and_places():
    assert actions("不通过告知\n央宗卓嘎您好：您申请的门诊慢特病认定未通过。") == {"央宗卓嘎": "redact"}
    assert_redacted("回访对象：邰建明\n电话：+86 15609 94 1838", "+86 15609 94 1838")
    assert actions("代领人：邰建明（收款人之子，其父行动不便）") == {"邰建明": "redact"}
    assert actions("家属称：母亲住院时护士未及时换药。填报人：药房李药师") == {"时护士": "keep", "李药师": "keep"}
    assert actions("日期 当事人 车牌 扣分 处理\n5-12 邰建明 新B20417 3 已处理") == {"邰建明": "redact"}
    assert actions("扶持对象：村集体与监测户12户；交接班：305房旅客续住两晚；报告人：店长（电话另附）。") == {}
    assert actions("1 邰建明 4 阔什喀拉新村 5万元") == {"邰建明": "redact"}


def test_a_corrected_id_a_mistyped_card_in_a_column_of_cards_and_names_listed_alike_by_line_or_weekday():
    # the ID's check digit fails: still the person's ID after 身份证号更正为
    assert_redacted("邰建明：身份证号更正为 65232319700101 1231（原录入错误）", "65232319700101 1231")
    pay = ("补发清单\n喻振华\t护理费\t3,120.00\t6228 4815 2601 8159 080\n满秀芝\t误工费\t1,200.00\t6228481218096792 908\n"
           "邰建明\t停工留薪\t6,200.00\t6228 4813 0166 1318 64")
    assert_redacted(pay, "6228481218096792 908")  # mistyped, in the column of the other rows' cards
    lines = "资格审查结果\n隋立平：材料齐全，合格；\n宫国庆：材料齐全，合格；\n邰建明：缺少证明，待补；\n满秀芝：材料齐全，合格。"
    assert {"隋立平", "宫国庆", "邰建明", "满秀芝"} <= set(actions(lines))
    assert_redacted("值班表：周一隋立平，周二邰建明，周三宫晓岚，周四满秀芝。", "宫晓岚")
    assert_redacted("承诺人：欧阳  振  宇\n购买人：喻  振  华", "欧阳  振  宇")  # two spaces between letters
    assert actions("接收人：敬老院院长") == {}  # 敬 is a surname, 敬老院 a word


def test_a_certificates_subject_rare_compound_surnames_a_returned_card_and_familiar_forms():
    assert_redacted("证明\n兹证明宫有福系本村三组村民，现居本村。", "宫有福")  # 有 leads a given name
    signed = "劳务费签领\n隋立平 1,500元 签领：隋立平\n闾丘岚 1,000元 签领：闾丘岚"
    assert actions(signed).get("闾丘岚") == "redact"
    rows = ("管护补助表\n喻振华 3,600元 6217 0070 9139 0996 037\n满秀芝 3,600元 6228 4800 8246 2819 481\n"
            "邰建明 3,600元 6215787789328792174（退回：卡号有误）")
    assert_redacted(rows, "6215787789328792174")  # mistyped, in the column of the other rows' cards
    assert actions("上官叔叔和李嫂子来了，马家也来了。") == {"上官叔叔": "keep", "李嫂子": "keep"}


@pytest.mark.parametrize("text, value", [
    ("培训学员：苟  雯　证件：略", "苟  雯"),  # padded with two spaces, the next cell after one
    ("学员：金  雅琳　电话：略", "金  雅琳"),  # a surname padded before a given name of two
    ("提成发放\n肖振国\t6217 0070 8315 2460 5\t3 150元", "6217 0070 8315 2460 5"),  # 17 digits, 4-4-4-4-1
    ("代办人手机：18109 4472 036\n事项：代取证件。", "18109 4472 036"),  # a digit too many after 手机
    ("联系电话：852-6012 3456（香港）", "852-6012 3456"),  # Hong Kong without the +
    ("DT-0207 蒋秀芬 0991-5716 028 2028.6", "0991-5716 028"),  # a date in the next cell
    ("邮箱：zhouyan2001 [at] 163 . com", "zhouyan2001 [at] 163 . com"),  # a spaced dot
    ("残疾证号：65432119810203451941\n住址：某乡某村", "654321198102034519"),  # the ID inside the certificate's number
    ("到场人员：受检商户热娜也提。", "热娜也提"),  # -yet written 也提
    ("手机 +86 (158) 3374 6021。", "+86 (158) 3374 6021"),  # the operator's prefix in brackets
    ("名册\n邝振宇 659004 19640218 9291 0903-4186 572", "0903-4186 572"),  # a landline after an ID's cell
    ("联系人：柴林 0909-7713 转 215", "0909-7713 转 215"),  # a switchboard's short number and extension
    ("苗芳  0903-2871 ext. 31  邮箱略", "0903-2871 ext. 31"),
    ("补贴明细\n柯蓉\t4200\t6217 5995 2890 7866 66\n骆平\t3900\t6217 7706 5894 8113 12", "6217 7706 5894 8113 12"),
])
def test_padded_names_seventeen_digit_cards_mistyped_mobiles_regional_phones_and_certificate_ids(text, value):
    assert_redacted(text, value)


@pytest.mark.parametrize("text, value", [
    ("临时救助1200元，存入其农商行账户 6230 3602 7719 0385 4462，经办人刘某。", "6230 3602 7719 0385 4462"),
    ("补助清单\n邓振国  误餐补助150元  工行6222 0232 1993 5181 97\n满秀芝  误餐补助90元  6215 5931 0743 2290 6614",
     "6215 5931 0743 2290 6614"),  # 20 digits in a column of cards
    ("补助款转入以监护人名义开设的专户6217 0031 8822 0467 1395，专款专用。", "6217 0031 8822 0467 1395"),
    ("申请人信息更正：庞 卫 东原登记手机152-0996-4471。", "庞 卫 东"),  # no value 某原登记 before the phone
    ("义务机关代表：县自然资源局法规股孙 岚\n协商结果：同意。", "孙 岚"),  # a unit before a spaced name
    ("考核结果：合格。欧 平，执业证号650100270315。", "欧 平"),
])
def test_twenty_digit_unionpay_accounts_in_a_cards_context_and_spaced_names_after_units(text, value):
    assert_redacted(text, value)


def test_a_twenty_digit_invoice_number_is_no_account():
    assert actions("电子发票号码 62012345678901234567 已开具。") == {}


def test_a_dotted_name_broken_before_its_dot_is_one_name():
    assert_redacted("核对表（OCR）\n姓名：库都斯\n·艾沙  身份证：略", "库都斯\n·艾沙")


def test_an_id_split_oddly_by_ocr_with_its_region_code_whole_and_a_valid_check():
    assert_redacted("花名册（扫描）\n1 库都斯·艾沙 654321198506173 0 21 林下补助", "654321198506173 0 21")
    assert "id_number" not in {d.span.kind for d in ENGINE.decide("合计 654321198506173 0 22 元")}  # check fails


@pytest.mark.parametrize("text, value", [
    ("存款凭条\n户名：柴    岚\n网点：略", "柴    岚"),  # padded with four spaces
    ("回访：一号楼 祁振华 满意；二号楼 邬  婕 满意；三号楼 柯永 未接通。", "邬  婕"),  # words spaced apart elsewhere
    ("资质：评估师蒲  晴（证书略）负责本项。", "蒲  晴"),  # after a post ending in 师
    ("名单：一等 伍振山；二等 雷  娅、沈立。", "雷  娅"),
])
def test_padded_names_beside_spaced_words_and_after_posts(text, value):
    assert_redacted(text, value)


def test_a_fields_value_does_not_cut_a_padded_name_in_half():
    text = "经办：工会邹  婷，分机略"
    assert actions(text) == {"邹  婷": "redact"}
    assert "工会" in ENGINE.redact(text).redacted


def test_a_padded_name_after_a_roster_word_is_not_closed_up_into_it():
    text = "值守记录\n早班：欧阳平 祁振华 韦  岚\n晚班：祁振华 韦  岚"
    redacted = ENGINE.redact(text).redacted
    assert not any(part in redacted for part in ("祁振华", "振华", "韦", "岚")), redacted



def test_names_after_self_and_kin_words_units_and_place_words():
    rules = NameRecogniser()
    assert "郗立平" in [s.text for s in rules.find("情况说明：本人郗立平，现申请变更联系地址。")]  # 本人 anchors
    assert [s.text for s in name_kin.after_kin("家庭情况：其父冶文海在本村务农。")] == ["冶文海"]  # surname + rare word
    assert [s.text for s in rules.find("验收：农机站克里别克")] == ["克里别克"]  # one part right after a unit
    assert [s.text for s in find_dotted("承包人：塔城·别克")] == ["塔城·别克"]  # a place word before a true dot
    assert find_dotted("通讯地址：中国·喀什") == []  # a place after the dot too: an address


@pytest.mark.parametrize("text, kept", [
    ("线路故障由赵班长组织抢修。", "赵班长"),  # a surname and a post: no name
    ("讲座主讲：郑护士长和牛医生。", "郑护士长"),
    ("样品由钱技术员登记后送检。", "钱技术员"),
    ("现场协调：交通局马副局长。", "马副局长"),
    ("点评嘉宾郭教授发言。", "郭教授"),
    ("示范：吕大厨现场制作。", "吕大厨"),
    ("非遗项目有刘氏剪纸。", "刘氏剪纸"),  # a family's craft
    ("评比结果：铜奖 唐立、祁红梅。", "铜奖"),  # an award before the names
    ("咨询：康复站 0903-6871 254", "康复站"),  # a word the dictionary also tags as a name, before a unit
    ("亚军队由阿不都带队。", "亚军队"),
    ("参会：Park Minho（韩国企业代表）。", "韩国企业代表"),  # a place and a noun in brackets: no Chinese name
    ("结业：韦振东  考核合格。", "考核合格"),  # one word of the dictionary, no name
    ("组织部人才科负责审核。", "人才科"),  # the end of a word begins no name
    ("复评：邝振华 合格；伍晓 基本合格。", "基本合格"),
    ("李园长表示下周开园。", "李园长"),
    ("家中情况：哥哥在外，母亲失联多年。", "失联"),
    ("领队教师马老师负责安全。", "教师马老师"),  # 师 ends 教师, it is no surname there
    ("材料发送至中心公共邮箱 zx_office@163.com", "中心公共邮箱"),
])
def test_posts_awards_units_and_words_stay(text, kept):
    assert kept in ENGINE.redact(text).redacted


def test_names_after_a_trainee_or_a_referee_and_in_a_weekday_list_written_with_commas():
    rules = NameRecogniser()
    assert [s.text for s in rules.find("登记\n学员：缪星河  班级：二班")] == ["缪星河"]
    assert "加依娜" in [s.text for s in rules.find("执裁安排：裁判加依娜、齐东海、马力克。")]
    rota = "值班表：周一方圆、周二伍春华、周三邝秀梅、周四方圆、周五伍春华。"
    assert actions(rota).get("方圆") == "redact"  # a word in a name's place among names
    assert "方圆" not in ENGINE.redact(rota).redacted


def test_a_verb_of_a_surname_and_one_character_in_a_persons_field_is_put_to_the_reviewer():
    assert judge("安定") == UNSURE and judge("签收") is None  # 安 is a surname, 签 is none
    assert actions("复核人：安定") == {"安定": "review"}


@pytest.mark.parametrize("text, name", [
    ("在场：楼长缪海川", "缪海川"),
    ("请找办公室干事郗青（分机略）", "郗青"),
    ("合作社：理事车兰，监事长克里别克。", "克里别克"),
    ("值班护士贡桑", "贡桑"),
    ("夜班补助：抢修班邝大勇 860元，龚明 790元", "邝大勇"),  # a team (班, 组) before a name, as a unit
    ("事故处理：同班组郗金花陪同就医。", "郗金花"),
])
def test_more_posts_and_teams_before_a_name(text, name):
    assert name in [s.text for s in NameRecogniser().find(text) if s.confidence >= 0.5]


@pytest.mark.parametrize("text, name", [
    ("座谈记录\n发言：吾提库建议增加培训。", "吾提库"),  # a speaker's field
    ("情况：受害人吾买坤已出院。", "吾买坤"),  # 坤 transliterates too
])
def test_a_speakers_field_and_more_transliteration_sounds(text, name):
    assert name in [s.text for s in NameRecogniser().find(text) if s.confidence >= 0.5]


def test_a_rota_of_cells_parted_by_two_spaces_and_names_put_to_the_reviewer_count_in_a_list():
    rota = "巡查排班\n周一 方圆  周二 邬海东  周三 江河  周四 韦秀英  周五 高洁\n巡查电话：略"
    assert {k: v for k, v in actions(rota).items()} == dict.fromkeys(["方圆", "邬海东", "江河", "韦秀英", "高洁"], "redact")
    from portal.deid.name_lists import _parallel_items

    rows = "邬海东 1,200元\n方 圆 1,800元\n高洁 900元"
    sure, weak = {(0, 3)}, {(rows.index("方 圆"), rows.index("方 圆") + 3)}
    assert [s.text for s in _parallel_items(rows, sure, weak)] == ["高洁"]
    assert _parallel_items(rows, set(), weak | {(0, 3)}) == []  # names put to the reviewer alone lift nothing


def test_a_name_annotated_with_a_nephew_or_niece_after_a_space():
    text = "领取登记：代领人 晏平 （外甥），电话略"
    assert [s.text for s in name_kin.annotated(text)] == ["晏平"]


def test_a_tab_among_spaces_parts_two_cells_not_groups_of_one_number():
    from portal.deid.numbers import windows

    row = "骆平\t3900\t6217 7706 5894 8113 12"
    assert all("\t" not in row[w.start:w.end] for w in windows(row, range(16, 20)))
    assert [w.digits for w in windows("电话 150\t8627\t4193", (11,))] == ["15086274193"]  # tabs alone: one number


def test_a_given_name_led_by_one_korean_and_turkic_names_in_latin_script_and_a_place_after_a_list_label():
    from portal.deid import latin_names

    assert [s.text for s in NameRecogniser().find("检查时，协会会长邝一帆到场。") if s.confidence >= 0.5] == ["邝一帆"]
    assert [s.text for s in latin_names.find("店主：Choi Min-jun（崔敏俊）")] == ["Choi Min-jun", "崔敏俊"]
    assert [s.text for s in latin_names.find("赛事奖金：Bolot 1500元")] == ["Bolot"]
    assert [s.text for s in latin_names.find("Bakhyt（三队）")] == ["Bakhyt"]
    assert actions("合作社名单：胡杨村果品合作社、红柳村养蜂合作社。") == {}  # 名单： before a village's name


def test_a_greeting_after_a_senders_bracket():
    from portal.deid import word_names

    assert [s.text for s in word_names.find("【社保所】邬振华您好，您的资格认证已通过。")] == ["邬振华"]


def test_the_value_before_a_number_must_be_shaped_like_a_name():
    stalls = "集市登记\n1号 岳秀芝 手工鞋垫 157 8836 2049\n2号 古丽 烤包子 186 7724 3950"
    redacted = ENGINE.redact(stalls).redacted
    assert "手工鞋垫" in redacted and "烤包子" in redacted and "岳秀芝" not in redacted
    assert "拨售后" in ENGINE.redact("漏水请拨售后电话0996 5170 482。").redacted
    assert actions("庹文博 6217 5995 2890 7866 66").get("庹文博") == "redact"  # 庹 is a surname


@pytest.mark.parametrize("text, value", [
    ("花名册\n吾提库 659004 78 12 21 142 6217 5995 2890 7866 66", "659004 78 12 21 142"),  # an old ID by its fields
    ("登记表\n齐娜\u3000653227195704 0 8 7 1 4 9\u3000173 2258 6490", "653227195704 0 8 7 1 4 9"),  # half spaced out
    ("讲课费已转入6217 3350 9021 4478 0316。", "6217 3350 9021 4478 0316"),  # 20 digits after 打入
])
def test_ids_by_their_fields_or_half_spaced_out_and_an_account_paid_into(text, value):
    assert_redacted(text, value)


def test_public_figures_are_kept_in_their_context_and_put_to_a_person_alone():
    # a figure whose context shows it is meant: a model to learn from, poets listed, a work quoted
    assert actions("组织党员学习雷锋事迹，弘扬焦裕禄精神") == {"雷锋": "keep", "焦裕禄": "keep"}
    assert actions("朗读会选读了杜甫、王维等诗人的作品") == {"杜甫": "keep", "王维": "keep"}
    # a craft's patron and a statue (鲁班先师, 孔子像), read with the word after them or not
    assert all(a == "keep" for a in actions("每年农历五月初七为鲁班先师诞辰；石材厂出售孔子像。").values())
    # the name alone may be a living person's: a reviewer decides (and the unattended path replaces it)
    assert actions("展板介绍了岳飞抗金的经过。").get("岳飞") == "review"
    assert "岳飞" not in ENGINE.redact("展板介绍了岳飞抗金的经过。").redacted
    # in a person's place it is a person; a longer name only begins like a figure's
    assert actions("联系人：李白，电话13899112233").get("李白") == "redact"
    assert actions("推荐学生李白桦参加勤工助学").get("李白桦") == "redact"


@pytest.mark.parametrize("text", [
    "伴奏：热瓦普 阿布都力，二胡 蔺红梅",  # instruments before their players
    "县阿肯对唱会报名开始",  # the bard's title
    "顾客投诉摊位卫生问题", "马主：须年满十八周岁",  # people named by their role
    "共12人晋级决赛", "参赛选手晋级名单公示",  # a count, and what a list is of
    "专家评委费发放明细",  # a post's fee
])
def test_instruments_roles_counts_and_fees_are_no_names(text):
    flagged = {d.span.text for d in ENGINE.decide(text) if d.action in ("redact", "review")}
    assert flagged <= {"阿布都力", "蔺红梅"}, flagged


@pytest.mark.parametrize("text, name", [
    ("吴秀兰带着女儿童雨桐报名", "童雨桐"),  # a kinship's last character and the surname make a word (儿童)
    ("其女儿童雨桐在县二中读书", "童雨桐"),
    ("鼓手邴志国击鼓", "邴志国"),  # who plays or rows is a post (鼓手, 舵手)
    ("游客柏兰芝反映导游服务周到", "柏兰芝"),  # a guest, a passenger, a member: a person's place
    ("学员 XIANG Yuming 报名", "XIANG Yuming"),  # a pinyin surname in capitals the list lacks
    ("获奖：沙吾尔·阿散，奖金500元", "沙吾尔·阿散"),  # a last part of two characters
    ("原保管员邱海\n燕（已调离）移交钥匙", "邱海\n燕"),  # the last character wrapped to the next line
    ("其米卓玛参加藏语朗诵", "其米卓玛"),  # a Tibetan name of two syllable pairs
])
def test_names_whole_at_their_edges(text, name):
    assert_redacted(text, name)


@pytest.mark.parametrize("text, expected", [
    ("由阿不都·热依木和张伟搀扶下山", "由[姓名]和[姓名]搀扶下山"),  # the preposition and the conjunction stay
    ("拟推荐依明·吐尔洪为先进个人", "拟推荐[姓名]为先进个人"),  # the verbs before a dotted name stay
    ("由韩青代为保管队旗", "由[姓名]代为保管队旗"),  # 代为 is no character of the name
    ("感谢医保科居 海 涛同志帮忙", "感谢医保科[姓名]同志帮忙"),  # a surname OCR glued to the word before
    ("申请人：卢 亚 男", "申请人：[姓名]"),  # a given name ending in 男, no sex after it
    ("我是夏\n侯春燕，特此感谢", "我是[姓名]，特此感谢"),  # a compound surname broken by a line
    ("姓名：方 圆", "姓名：[姓名]"),  # an ordinary word in the name field is a name
])
def test_names_at_their_exact_edges(text, expected):
    assert ENGINE.redact(text).redacted == expected


def test_a_csv_row_with_an_empty_cell_keeps_its_columns():
    export = "序号,时间,电话,受访人,结果\n1,10-08,135 7720 1846,,空号\n2,10-08,139 9912 3344,艾斯卡尔江,完成"
    redacted = ENGINE.redact(export).redacted
    assert "空号" in redacted and "艾斯卡尔江" not in redacted and "135 7720 1846" not in redacted
    # a mobile grouped 5-4-2 under a 手机 heading
    assert "13232 8817 05" not in ENGINE.redact("房号,姓名,手机\n301,冀 文 静,13232 8817 05").redacted


@pytest.mark.parametrize("text", [
    "考级曲目：车尔尼599、巴赫初级钢琴曲集",  # composers and their works
    "客户说：伏羲的伏。", "网店“李宁运动专卖”销售额",  # a surname explained; a brand
    "刘队：大家注意保暖", "王总订的会议室", "好的谢谢石老师",  # a surname and its title, cut or run on
    "特征：左眉有疤", "张贴期限不超过30天", "那我续租",  # words the model or the dictionary takes for names
    "县阿克托别畜牧合作社", "第四天 巴音布鲁克，第五天 返程",  # places
    "司机师傅开车平稳", "（注：单姓，两字名）",
    "舞龙分工：龙头、龙身、龙尾各两人", "车上有周副驾和陈教员", "胡杨林里的储物柜已清空",
    "Sherzod Rahimov（外聘顾问，乌兹别克斯坦籍）主讲",  # a note in brackets, no Chinese name
])
def test_figures_titles_places_and_words_that_are_no_names(text):
    flagged = {d.span.text for d in ENGINE.decide(text) if d.action in ("redact", "review")}
    assert flagged <= {"Sherzod Rahimov"}, flagged


def test_a_latin_name_with_its_chinese_form_and_a_note_in_brackets():
    assert ENGINE.redact("游客Batbold（巴特博勒德，蒙古族）报名").redacted == "游客[姓名]（[姓名]，蒙古族）报名"


@pytest.mark.parametrize("text, name", [
    ("就诊提醒：尼玛老人，明早八点到县医院复查", "尼玛"),  # one Tibetan name before how one speaks of its bearer
    ("紧急联系人由其兄洛珠改为德吉", "洛珠"),  # a name after 其兄
    ("【转场群】\n吐逊：明天几点出发\n王组长：六点集合\n吐逊：收到，我带两匹马", "吐逊"),  # a chat's speaker, twice
])
def test_one_part_names_by_their_title_kin_or_turns(text, name):
    assert_redacted(text, name)


@pytest.mark.parametrize("text, name", [
    ("裁判名单\n副裁判：艾克拜尔\n·吾休尔\n记录员：谷雨", "艾克拜尔\n·吾休尔"),  # the dot opening the next line
    ("收购小麦保管员顿珠，抽样员荣浩", "顿珠"),  # one Tibetan name after a post
    ("免疫登记：户主阿布都力免疫12头，兽医 依斯坎达尔。", "依斯坎达尔"),  # a vet is a person's post
    ("颁奖：亚军 驼主 宝音，骑手 孜克热亚", "宝音"),  # an owner of camels, horses, cars or a stall
])
def test_one_part_names_after_posts_and_dotted_names_across_a_line(text, name):
    assert_redacted(text, name)
    assert "亚军" in ENGINE.redact("颁奖：亚军 驼主 宝音，骑手 孜克热亚").redacted


@pytest.mark.parametrize("text, word", [
    ("感谢韩梅、方圆两位志愿教练的付出", "方圆"),  # an ordinary word before 两位: put to the reviewer
    ("航拍订单：摄影师甘露，交片方式为网盘", "甘露"),  # …and after a trade's master
    ("[徒步群]\n郝文涛：周六六点集合，带好头灯。\n魏建华：我开车去，能带三个人。\n冯晓梅：我也去，坐车过去。\n蓝天：收到",
     "蓝天"),  # a chat's short turn
    ("收款记录\n日期\t客户\t金额\n3/16\t尚可\t4200", "尚可"),  # under a 客户 heading
])
def test_ordinary_words_in_a_persons_place_go_to_review(text, word):
    assert actions(text).get(word) in ("review", "redact"), actions(text)
    assert word not in ENGINE.redact(text).redacted  # fail closed: nobody decided


def test_a_post_after_an_adjective_is_no_name():
    assert actions("倪思远\t高级会计师\t1,500.00").get("高级") is None


@pytest.mark.parametrize("text, name", [
    ("请财务上官丽于本月起按新卡发放", "上官丽"),  # a compound surname before 于
    ("队医格桑：膝伤已好转，下周可恢复训练", "格桑"),  # a post opening a speaker's line
    ("体检结果：奥登?巴根血压偏高，需复查。", "奥登?巴根"),  # 根 closes a Mongol name
    ("本周请假，由俞冰洁代课，有事联系办公室", "俞冰洁"),  # 代课 after a name
    ("值班表（扫描件）\n周一 敖登\n娜   周二 巴特", "敖登\n娜"),
])
def test_names_before_function_words_after_posts_and_across_lines(text, name):
    assert_redacted(text, name)


def test_a_word_ending_a_line_is_no_surname_of_the_next():
    out = ENGINE.redact("缴费方式\n赫连明远\t200\t现金\n宿 芳\t200\t转账").redacted
    assert "现金" in out and "宿 芳" not in out, out


@pytest.mark.parametrize("text, name", [
    ("离职证明：兹证明本园教师邬\n静雯（身份证号另附）自2022年9月起任教。", "邬\n静雯"),  # prose broken after the surname
    ("交接记录：产妇呼延\n晓荷的产检资料共12页，已交护理部。", "呼延\n晓荷"),  # a compound surname ending the line
    ("手工录入：贠德明 152 921 1972 0315 0410", "贠德明"),  # 贠, a surname
])
def test_names_broken_in_prose_and_rare_surnames(text, name):
    assert_redacted(text, name)


@pytest.mark.parametrize("text", [
    "附件：教官体检合格名单\n巴图、卜凡", "军训由蒋教官和王教官带队", "应急物资储备库本周闭馆整理",
    "科技馆展品：傅科摆、牛顿摆",
])
def test_a_heading_ending_a_line_and_titles_and_exhibits_are_no_names(text):
    flagged = {d.span.text for d in ENGINE.decide(text) if d.action in ("redact", "review")}
    assert flagged <= {"巴图", "卜凡"}, flagged
    assert "名单" in ENGINE.redact("附件：教官体检合格名单\n巴图、卜凡").redacted


def test_a_dotted_name_stops_before_the_next_cell():
    out = ENGINE.redact("预订登记\n1. 依明·沙迪克 康乃馨11枝 15609943308").redacted
    assert "康乃馨11枝" in out and "沙迪克" not in out, out
