"""English names and Chinese aliases of the places in the gazetteer, written by hand.

Why by hand: pinyin generators get polyphones wrong on exactly these names (长春 is *Chang*chun,
蛟河 is *Jiao*he, 洮南 is *Tao*nan, 珲春 is *Hun*chun, 乾安 is *Qian*'an, 镇赉 is Zhen*lai*,
牟平 is *Mu*ping, 栖霞 is *Qi*xia), and a map label needs judgement a generator has not.

Style, one rule for every level: the short pinyin name a reader sees on a map, unit words
(省, 市, 县, 区, 自治州, 自治县) dropped, syllables joined, an apostrophe before a syllable that
starts with a vowel (Ji'an, Nong'an, Qian'an, Da'an). A unit word is added back only where the
bare name would collide with another place in this gazetteer or with a much better-known place
of the same spelling:

- "Jilin City" (吉林市) next to the province "Jilin";
- "Tonghua County" (通化县) next to the prefecture "Tonghua";
- "Xi'an District" (西安区, Liaoyuan), which is not the capital of Shaanxi;
- "Chaoyang District" (朝阳区, Changchun), which is not the city in Liaoning.

Mongolian names follow the official romanisation: 前郭尔罗斯 is "Qian Gorlos".

Keyed by adcode, because Chinese names repeat across the country (朝阳区 is in Beijing too); the
Chinese name rides along so a test can catch a code that was typed against the wrong place.
"""

from __future__ import annotations

NAMES_EN: dict[str, tuple[str, str]] = {
    # Jilin province and its 9 prefectures
    "220000": ("吉林省", "Jilin"),
    "220100": ("长春市", "Changchun"),
    "220200": ("吉林市", "Jilin City"),
    "220300": ("四平市", "Siping"),
    "220400": ("辽源市", "Liaoyuan"),
    "220500": ("通化市", "Tonghua"),
    "220600": ("白山市", "Baishan"),
    "220700": ("松原市", "Songyuan"),
    "220800": ("白城市", "Baicheng"),
    "222400": ("延边朝鲜族自治州", "Yanbian"),
    # Changchun
    "220102": ("南关区", "Nanguan"),
    "220103": ("宽城区", "Kuancheng"),
    "220104": ("朝阳区", "Chaoyang District"),
    "220105": ("二道区", "Erdao"),
    "220106": ("绿园区", "Lüyuan"),
    "220112": ("双阳区", "Shuangyang"),
    "220113": ("九台区", "Jiutai"),
    "220122": ("农安县", "Nong'an"),
    "220182": ("榆树市", "Yushu"),
    "220183": ("德惠市", "Dehui"),
    "220184": ("公主岭市", "Gongzhuling"),
    # Jilin City
    "220202": ("昌邑区", "Changyi"),
    "220203": ("龙潭区", "Longtan"),
    "220204": ("船营区", "Chuanying"),
    "220211": ("丰满区", "Fengman"),
    "220221": ("永吉县", "Yongji"),
    "220281": ("蛟河市", "Jiaohe"),
    "220282": ("桦甸市", "Huadian"),
    "220283": ("舒兰市", "Shulan"),
    "220284": ("磐石市", "Panshi"),
    # Siping
    "220302": ("铁西区", "Tiexi"),
    "220303": ("铁东区", "Tiedong"),
    "220322": ("梨树县", "Lishu"),
    "220323": ("伊通满族自治县", "Yitong"),
    "220382": ("双辽市", "Shuangliao"),
    # Liaoyuan
    "220402": ("龙山区", "Longshan"),
    "220403": ("西安区", "Xi'an District"),
    "220421": ("东丰县", "Dongfeng"),
    "220422": ("东辽县", "Dongliao"),
    # Tonghua
    "220502": ("东昌区", "Dongchang"),
    "220503": ("二道江区", "Erdaojiang"),
    "220521": ("通化县", "Tonghua County"),
    "220523": ("辉南县", "Huinan"),
    "220524": ("柳河县", "Liuhe"),
    "220581": ("梅河口市", "Meihekou"),
    "220582": ("集安市", "Ji'an"),
    # Baishan
    "220602": ("浑江区", "Hunjiang"),
    "220605": ("江源区", "Jiangyuan"),
    "220621": ("抚松县", "Fusong"),
    "220622": ("靖宇县", "Jingyu"),
    "220623": ("长白朝鲜族自治县", "Changbai"),
    "220681": ("临江市", "Linjiang"),
    # Songyuan
    "220702": ("宁江区", "Ningjiang"),
    "220721": ("前郭尔罗斯蒙古族自治县", "Qian Gorlos"),
    "220722": ("长岭县", "Changling"),
    "220723": ("乾安县", "Qian'an"),
    "220781": ("扶余市", "Fuyu"),
    # Baicheng
    "220802": ("洮北区", "Taobei"),
    "220821": ("镇赉县", "Zhenlai"),
    "220822": ("通榆县", "Tongyu"),
    "220881": ("洮南市", "Taonan"),
    "220882": ("大安市", "Da'an"),
    # Yanbian
    "222401": ("延吉市", "Yanji"),
    "222402": ("图们市", "Tumen"),
    "222403": ("敦化市", "Dunhua"),
    "222404": ("珲春市", "Hunchun"),
    "222405": ("龙井市", "Longjing"),
    "222406": ("和龙市", "Helong"),
    "222424": ("汪清县", "Wangqing"),
    "222426": ("安图县", "Antu"),
    # Shandong and Yantai
    "370000": ("山东省", "Shandong"),
    "370600": ("烟台市", "Yantai"),
    "370602": ("芝罘区", "Zhifu"),
    "370611": ("福山区", "Fushan"),
    "370612": ("牟平区", "Muping"),
    "370613": ("莱山区", "Laishan"),
    "370614": ("蓬莱区", "Penglai"),
    "370681": ("龙口市", "Longkou"),
    "370682": ("莱阳市", "Laiyang"),
    "370683": ("莱州市", "Laizhou"),
    "370685": ("招远市", "Zhaoyuan"),
    "370686": ("栖霞市", "Qixia"),
    "370687": ("海阳市", "Haiyang"),
}


def name_en(adcode: str, name_zh: str) -> str:
    """English name for a place; the Chinese name when none has been written yet.

    The fallback keeps a newly configured region drawable at once; `python -m geo.build` refuses
    to write the gazetteer with a missing English name, so the fallback never reaches places.csv.
    """
    entry = NAMES_EN.get(adcode)
    return entry[1] if entry else name_zh


# Chinese aliases (places.csv) are derived from the names by `short_forms`, plus these former or
# common names that articles still use, each naming one place unambiguously: 九台 was a city until
# 2014, 前郭 is the usual short form, 蓬莱市 and 长岛县 merged into 蓬莱区 in 2020.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "220113": ("九台", "九台市"),
    "220721": ("前郭", "前郭县"),
    "370614": ("蓬莱", "蓬莱市", "长岛", "长岛县"),
}
_ETHNIC_SUFFIXES = ("朝鲜族自治州", "朝鲜族自治县", "满族自治县", "蒙古族自治县")


def short_forms(name_zh: str) -> list[str]:
    """Short names an article may use: 敦化 for 敦化市, 延边 and 延边州 for 延边朝鲜族自治州.

    Districts get none: their bare names (朝阳, 西安, 铁西, 丰满, 二道) are ordinary words or
    better-known places elsewhere, so matching them would misplace figures.
    """
    for suffix in _ETHNIC_SUFFIXES:
        if name_zh.endswith(suffix):
            base = name_zh[: -len(suffix)]
            return [base, base + suffix[-1]]
    if name_zh.endswith("区"):
        return []
    return [name_zh[:-1]] if name_zh[-1] in "省市县" and len(name_zh) > 2 else []
