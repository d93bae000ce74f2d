"""Names after the roles of a household's and a customer's business (业主, 房东, 师傅, 钟点工…), in a
signature's field, letter-spaced in a list of names, and the words near them that must stay."""

from __future__ import annotations

import pytest

from portal.deid.name_lexicon import post_ends
from tests.portal.deid.test_name_slots import ENGINE, actions, assert_redacted


def redact_text(text: str) -> str:
    return ENGINE.redact(text).redacted


@pytest.mark.parametrize("text, name", [
    # a signature's field of any role (兽医签名：, 职工签字：), the name written closed up or spaced
    ("免疫证明\n畜主：冷振东\n兽医签名：郝 文 韬", "郝 文 韬"),
    ("防疫员签字：蔡语桐", "蔡语桐"),
    # a role of a household's or a customer's business before the name
    ("安装师傅艾尼瓦江电话 0906-3317245，明早上门。", "艾尼瓦江"),
    ("房东祁建业不同意退押金，租客许蓉申请调解。", "祁建业"),
    ("房东祁建业不同意退押金，租客许蓉申请调解。", "许蓉"),
    ("小时工苏布达（蒙古族）周三下午打扫楼道。", "苏布达"),
    # letter-spaced names listed with 、 and counted after the last (…三人)
    ("柴 丰、邬 航、孟和吉雅三人今天负责东区的回访。", "柴 丰"),
    ("柴 丰、邬 航、孟和吉雅三人今天负责东区的回访。", "邬 航"),
    ("柴 丰、邬 航、孟和吉雅三人今天负责东区的回访。", "孟和吉雅"),
    # the first item of a list begins with the sentence's words, the last one ends with them
    ("感谢同事车凤霞、栗亭、冷振东的帮助与陪伴。", "栗亭"),
])
def test_roles_signatures_and_listed_names_are_redacted(text: str, name: str) -> None:
    assert_redacted(text, name)


def test_a_spaced_surname_that_begins_words_is_put_to_the_reviewer() -> None:
    # 居 is a surname and begins 居然: letter-spaced among names, a person decides
    found = actions("衣 然、居 安、苏布达三人值夜班。")
    assert found.get("居 安") in ("redact", "review"), found
    assert found.get("苏布达") == "redact", found


@pytest.mark.parametrize("text, word", [
    ("鉴定人员\n郝文韬  土木工程专业  中级职称", "程专业"),      # 木工 is no post inside 土木工程
    ("职工签字：祁建业　单位盖章", "单位盖章"),                 # the stamp's place after the signature
    ("代驾订单\n司机：祁建业\n客户：蔡语桐\n起点：县城", "代驾订单"),  # the form's heading above its fields
    ("业主许蓉委托师傅代买炉头一个。", "代买"),                  # a verb after the role
    ("户主祁建业，家庭人口4人，耕地12亩。", "家庭人口"),         # a field and its count, not a list's item
    ("日期\t服务员\t客户\t时长\t金额\n11-20\t许蓉\t蔡语桐\t3h\t150", "时长"),  # a header cell after 客户
])
def test_words_beside_names_stay(text: str, word: str) -> None:
    found = actions(text)
    assert not any(word in t for t in found), found


def test_a_list_after_a_comma_is_not_the_sentence_before_it() -> None:
    # 经比对 stands before the comma; the names are listed with 、 after it
    found = actions("学生资助：经比对，车凤霞、冷振东两名学生重复领取。")
    assert found.get("车凤霞") == "redact" and found.get("冷振东") == "redact", found
    assert not any("比对" in t for t in found), found


def test_an_ordinary_word_before_a_call_does_not_swallow_the_verb() -> None:
    # 业主江河|打电话: never 江河打
    found = actions("业主江河打电话说卫生间漏水。")
    assert not any("打" in t for t in found), found


@pytest.mark.parametrize("text, word", [
    ("本周新增老师两位，请家长留意。", "周新增"),        # 本周|新增: the surname ends the word before
    ("春节期间其女同住各七日。", "同住各"),              # single characters after a kinship run into the sentence
    ("[10:02] 周红娘：今晚有三位新会员\n[10:05] 许红娘：收到", "红娘"),  # a matchmaker's title after a surname
    ("宝宝\t月龄\t家长\n禾苗\t14\t许蓉", "宝宝"),         # header cells of a table
    ("会员\t商品\t金额\n许蓉\t积木\t99", "商品"),
])
def test_words_and_titles_are_not_redacted(text: str, word: str) -> None:
    assert not any(word in t and action == "redact" for t, action in actions(text).items()), actions(text)


def test_a_quoted_brand_is_at_most_reviewed_but_a_quoted_name_as_written_is_redacted() -> None:
    found = actions("给孩子买了一套“喜羊羊”睡衣和“熊出没”贴纸。")
    assert all(action != "redact" for action in found.values()), found
    # a name quoted as it was written (写成“…”, 应为“…”) is a person's
    assert_redacted("户口本上写成“艾和买江”，应为“艾合买江”。", "艾合买江")


@pytest.mark.parametrize("text, name", [
    ("买方令狐燕交来购房定金两万元。", "令狐燕"),          # a party to a sale before the name, no colon
    ("变更：韦海川原手机停用，新号码见附件。", "韦海川"),    # a name before its old number (原手机)
    ("甲方：钓友协会（联系人宿　峰，电话见后）", "宿　峰"),  # 宿 begins words, a padded given name after it
])
def test_parties_old_numbers_and_padded_wordy_surnames(text: str, name: str) -> None:
    assert_redacted(text, name)


@pytest.mark.parametrize("text, word", [
    ("手艺人名录\n弓匠：许蓉\n马鞍匠：蔡语桐", "匠"),                  # crafts name nobody
    ("义工\t受助学生\n许蓉\t蔡语桐", "义工"),                          # a worker named by the work
    ("被投诉人：微信昵称“小雨全球购”，实名许蓉", "微信"),               # a nickname's field
    ("送水记录\t单位\t桶数\t签收\n\t县财政局\t3\t许蓉\n\t县审计局\t4\t门卫代签", "代签"),  # who signed for whom
    ("请假条：本人 许蓉，因病请假一天，工作由 蔡语桐 代班。", "工作"),  # a lead-in before a spaced name
])
def test_crafts_workers_and_nicknames_fields_are_no_names(text: str, word: str) -> None:
    found = actions(text)
    assert not any(word in t for t in found), found


@pytest.mark.parametrize("text, name", [
    # a surname ending a line where a name is written (after a post, a colon, a tab), the given name
    # opening the next: read whole whatever a recogniser makes of the joined text
    ("装载机司机薛\n凯文和许蓉明天去工地。", "薛\n凯文"),
    ("体检结果：帅\n国华 合格；许蓉 复查。", "帅\n国华"),
    ("工资另付：包\n振兴、蔡语桐各九千元", "包\n振兴"),
    ("车号\t司机\t趟数\n甘A-1234\t居\n海涛\t5", "居\n海涛"),
])
def test_a_name_broken_after_its_surname_where_a_name_is_written(text: str, name: str) -> None:
    assert_redacted(text, name)


@pytest.mark.parametrize("text", [
    "职 称：高级会计师\n金 额：1,200.00",       # 会计|师 is one word, no surname after a post
    "车号\t司机\t趟数\t方量\n甘A-1234\t许蓉\t5\t60",  # a header's last cell above a plate
    "参会名单：王\n主任 出席",                   # a surname and a post on the next line
])
def test_line_ends_that_are_no_broken_names(text: str) -> None:
    assert not any("\n" in t for t in actions(text)), actions(text)


def test_a_name_read_elsewhere_is_redacted_where_a_guess_crossed_it() -> None:
    # 鲜于某某|兔舍: the model's 某某兔 is only a guess for review; the name read after it (…先生) wins
    text = "关于收回鲜于志诚兔舍租赁的通知\n鲜于志诚先生：您承租的兔舍租金已拖欠两年。"
    out = actions(text)
    assert list(out) == ["鲜于志诚"] and out["鲜于志诚"] == "redact", out
    assert "志诚" not in redact_text(text)


def test_a_name_padded_with_two_spaces_after_a_label_and_one_space() -> None:
    assert_redacted("领用登记：领用人 燕  立  恒，时间 11月3日 8:10", "燕  立  恒")


def test_a_letter_spaced_name_above_a_letter_spaced_label_keeps_its_last_character() -> None:
    # 某 某 某⏎性 别 女: the next line opens with a field's label, it is no given name to join on
    assert_redacted("订购人身份证复印件（OCR）\n姓 名 蓝 秀 英\n性 别 女 民 族 瑶", "蓝 秀 英")


@pytest.mark.parametrize("text, name", [
    # a shop's owner and a craftsman are posts (老板, 篾匠), also right before the owner's ID
    ("请篾匠覃建业编了三只背篓。", "覃建业"),
    ("干洗店老板闵家和身份证号码：650104197903152034", "闵家和"),
    # the Latin form in brackets after a name is the same person's name
    ("店员邬小禾（Hebe）说下午补货。", "Hebe"),
    # the two letter-spaced halves of a dotted name, the dot spaced apart too (OCR read it as ？)
    ("报名：托 乎 塔 洪 ？ 阿 扎 特（OCR）", "托 乎 塔 洪 ？ 阿 扎 特"),
    # a dotted name's part standing alone later in the text: the same person
    ("转让方：别列克·托乎塔洪（原登记为别列克）", "别列克"),
    # a letter-spaced dotted name ends at its last spaced letter, not in the sentence after it
    ("帮工阿 扎 特．托 乎 塔 洪跟师傅学了两年。", "阿 扎 特．托 乎 塔 洪"),
])
def test_owners_craftsmen_latin_forms_and_dotted_parts(text: str, name: str) -> None:
    assert_redacted(text, name)


@pytest.mark.parametrize("text, word", [
    ("是从批发市场的韩老板那里拿的货。", "那里"),          # a pronoun after 老板, no surname
    ("经理邬小禾（CEO）到场。", "CEO"),                    # a post's abbreviation in the brackets
])
def test_words_after_owners_and_posts_that_stay(text: str, word: str) -> None:
    found = actions(text)
    assert not any(word in t for t in found), found


def test_a_post_ends_where_no_word_runs_on() -> None:
    # 局人|才股: 人才 is a word, so 局人 is no post (a post of X人 left 才股 to read as a name)
    assert [m.group(0) for m in post_ends("人社局人才股")] == []
    assert [m.group(0) for m in post_ends("床品店老板某某某")] == ["老板"]


def test_letter_spaced_names_in_rows_begin_after_the_rows_words() -> None:
    # 3号床 某 某 某 · 某 某: the row's word set apart before the letters is no part of the name, and
    # the rows alike then name the others; the surname 姒 after a post
    beds = "宿舍床位\n1号床 谷 晓 峰\n2号床 冼 嘉 敏\n3号床 钮 钴 禄 · 文 博"
    for name in ("谷 晓 峰", "冼 嘉 敏", "钮 钴 禄 · 文 博"):
        assert_redacted(beds, name)
    assert "号床" in redact_text(beds)
    assert_redacted("采购员姒 明 远，手机 139 0991 5521", "姒 明 远")


def test_a_count_ending_the_line_above_is_no_part_of_the_name_below() -> None:
    rows = "帮厨考勤（10月）\n谷 晓 峰 出勤22天\n肉扎洪 出勤21天\n冼嘉敏 出勤20天"
    assert_redacted(rows, "肉扎洪")
    assert "出勤22天\n" in redact_text(rows)


@pytest.mark.parametrize("text, name", [
    # a Latin name signing a line after a dash of punctuation (——), and pinyin in lower case before
    # its Chinese form in brackets
    ("留言簿：\n“服务周到。” ——Nurzhigit Tolegenuly", "Nurzhigit Tolegenuly"),
    ("zhao mingyuan（赵明远）已签收。", "zhao mingyuan"),
    # a letter-spaced name of sounds whose first sound OCR glued to the post before it
    ("装卸工许蓉，副驾木 沙 尔，电话153 0991 2207。", "木 沙 尔"),
    # the person's card after the name (…卡上) is no sound of it
    ("货款打到吐拉古丽卡上", "吐拉古丽"),
])
def test_latin_signatures_lower_case_pinyin_glued_sounds_and_cards(text: str, name: str) -> None:
    assert_redacted(text, name)


def test_letter_spaced_names_one_per_line_are_read_one_by_one() -> None:
    roster = "帮工名单\n托 合 托 古 丽\n祖 丽 古 丽\n玉 山 古 丽"
    for name in ("托 合 托 古 丽", "祖 丽 古 丽", "玉 山 古 丽"):
        assert_redacted(roster, name)
    assert not any("\n" in t for t in actions(roster)), actions(roster)


@pytest.mark.parametrize("text, name", [
    # two Latin given names joined by 与: each stands alone among the Chinese
    ("烧烤店员工Alibek与Beknur昨晚值班。", "Alibek"),
    ("烧烤店员工Alibek与Beknur昨晚值班。", "Beknur"),
    # a Latin name before a kinship in brackets, in a table of emergency contacts
    ("家属联系表\n姓名\t家属\t电话\n莫 远\t莫海军（父）\t13580442917\nMiras\tAnsar（兄）\t13677904412", "Ansar"),
])
def test_latin_given_names_beside_a_conjunction_or_a_kinship(text: str, name: str) -> None:
    assert_redacted(text, name)



@pytest.mark.parametrize("text, name", [
    # whom an inscription names and whom an award goes to (the post is no part of the name)
    ("墓碑刻字：先考柴永年之墓", "柴永年"),
    ("墓碑刻字：慈母鲍惠芬之墓\n孝男鲍建林 鲍建森\n孝女鲍秀云", "鲍建森"),
    ("获奖名单：一等奖靳丽华，二等奖鄢文秀", "靳丽华"),
    ("获奖名单：一等奖靳丽华，二等奖鄢文秀", "鄢文秀"),
    # a surname after a post ending a line, the given name opening the next before 的
    ("社员蒲\n桂芝的工钱已结清。", "蒲\n桂芝"),
])
def test_inscriptions_awards_and_a_name_broken_before_de(text: str, name: str) -> None:
    assert_redacted(text, name)


@pytest.mark.parametrize("text, word", [
    ("碑文：先考鄢德明之墓\n孝男鄢长林\n孝女鄢小芹　敬立", "敬立"),  # who set the stone up, no name
    ("碑文：先考鄢德明之墓\n孝男鄢长林\n孝女鄢小芹　敬立", "孝男"),
    ("会员储值卡退卡登记", "储值卡"),                                # a member's card, no name after 会员
])
def test_words_of_inscriptions_and_cards_that_stay(text: str, word: str) -> None:
    found = actions(text)
    assert not any(word in t for t in found), found


@pytest.mark.parametrize("text, name", [
    # Yi family names as Chinese writes them (吉克, 曲比 …), whatever the given name
    ("参赛选手：吉克伍各、曲比石者", "吉克伍各"),
    ("参赛选手：吉克伍各、曲比石者", "曲比石者"),
    # rare surnames after a label (兀, 禄)
    ("领料人：兀建华", "兀建华"),
    ("复核：禄永清身份证复印件已收", "禄永清"),
])
def test_yi_family_names_and_rare_surnames(text: str, name: str) -> None:
    assert_redacted(text, name)


@pytest.mark.parametrize("text", [
    "来自塔吉克族的学员",          # a people's name holding 吉克
    "店里的刘一刀菜刀是本地老字号",  # a brand of kitchen knives
])
def test_a_people_and_a_brand_are_no_names(text: str) -> None:
    assert not any(d.span.kind == "person_name" and d.action != "keep" for d in ENGINE.decide(text)), actions(text)


@pytest.mark.parametrize("text, name", [
    # a compound surname's given name before a title is a name (司徒某|老师), not a surname and its title
    ("家长群\n司徒骞老师：四点半", "司徒骞"),
    # a Tibetan or a Uyghur name whose parts a form parted by a space: one name
    ("申请人：扎巴 旺加\n申请事项：摊位补贴", "扎巴 旺加"),
    ("交售人：艾散 托乎塔洪\n金额：3,200 元", "艾散 托乎塔洪"),
    ("经调解，由收货方冶春燕按八折结算", "冶春燕"),
])
def test_compound_surnames_before_titles_space_parted_names_and_parties(text: str, name: str) -> None:
    assert_redacted(text, name)


@pytest.mark.parametrize("text, word", [
    ("家长群\n司徒骞老师：四点半", "四点半"),   # an hour answering in a chat
    ("大家都叫他程把式。", "程把式"),          # a surname and how one calls a skilled hand
])
def test_hours_and_skilled_hands_are_no_names(text: str, word: str) -> None:
    assert actions(text).get(word) in (None, "keep"), actions(text)


@pytest.mark.parametrize("text, word", [
    ("门诊排班：訾秋燕 周一三五，郜志明 周二四六", "周一三五"),          # the weekdays of a rota
    ("明天店里还开门吗？电话139-0991-3357", "电话"),     # a question's mark, no dot
    ("他上个月办了张年卡。", "年卡"),                           # a yearly pass, not 张 and a name
    ("报名时留手机0086 139 0991 3357", "留"),                        # …时留|手机: no name before the phone
    ("配件商：华通电子（0991-4276310）。", "电子"),                   # a business before its phone
])
def test_rotas_questions_passes_and_businesses_are_no_names(text: str, word: str) -> None:
    found = actions(text)
    assert not any(word in t for t in found), found


def test_a_kyrgyz_name_with_uulu_is_one_latin_name() -> None:
    assert_redacted("展览签到：Kubanych uulu Temir、周 全", "Kubanych uulu Temir")


@pytest.mark.parametrize("text, name", [
    # a rare compound surname and its given name before a verb of signing or confirming
    ("账房记录：主家申屠秋生确认无误。", "申屠秋生"),
    ("经手人巫马远签字。", "巫马远"),
    # a Manchu clan name before a given name
    ("联系表\n伊尔根觉罗青\t（024）2275 6620", "伊尔根觉罗青"),
])
def test_compound_surnames_before_signing_and_manchu_clans(text: str, name: str) -> None:
    assert_redacted(text, name)


def test_a_team_in_a_persons_field_is_no_name() -> None:
    assert actions("消毒记录：每日两次，填表人：宣传组。") == {}
