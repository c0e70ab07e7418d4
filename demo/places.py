"""Stations of the demo network, with real GB/T 2260 region codes."""

from requests_app.choices import Category as C
from service_stations.choices import StationKind

ALL = tuple(C.values)
CORE = (C.METROLOGY, C.STANDARDS, C.INSPECTION, C.CERTIFICATION)

WUHAN_INSTITUTES = (
    "武汉市计量测试检定（研究）所",
    "武汉市标准化研究院",
    "武汉市产品质量监督检验所",
    "武汉市质量发展研究院",
)

# Wuhan: 13 districts, two doorstep stations each (development zones are
# placed in the district that hosts them).
WUHAN_STATIONS = (
    ("420102", "岱家山科创城质量服务站", "江岸区岱家山科创城"),
    ("420102", "谌家矶质量服务站", "江岸区谌家矶大道"),
    ("420103", "唐家墩质量服务站", "江汉区唐家墩路"),
    ("420103", "江汉经济开发区质量服务站", "江汉区江兴路"),
    ("420104", "汉正街质量服务站", "硚口区汉正街"),
    ("420104", "古田质量服务站", "硚口区古田四路"),
    ("420105", "黄金口都市工业园质量服务站", "汉阳区黄金口"),
    ("420105", "四新质量服务站", "汉阳区四新大道"),
    ("420106", "武昌滨江商务区质量服务站", "武昌区和平大道"),
    ("420106", "中南质量服务站", "武昌区中南路"),
    ("420107", "青山工业园质量服务站", "青山区工人村"),
    ("420107", "北湖质量服务站", "青山区北湖"),
    ("420111", "东湖高新区光谷质量服务站", "洪山区光谷大道"),
    ("420111", "青菱质量服务站", "洪山区青菱"),
    ("420112", "临空港经济技术开发区质量服务站", "东西湖区金银湖"),
    ("420112", "食品产业园质量服务站", "东西湖区走马岭"),
    ("420113", "武汉经开区汉南质量服务站", "汉南区纱帽街"),
    ("420113", "通用航空产业园质量服务站", "汉南区邓南街"),
    ("420114", "常福工业园质量服务站", "蔡甸区常福"),
    ("420114", "中法生态城质量服务站", "蔡甸区中法大道"),
    ("420115", "庙山开发区质量服务站", "江夏区庙山"),
    ("420115", "金口质量服务站", "江夏区金口街"),
    ("420116", "武湖工业园质量服务站", "黄陂区武湖"),
    ("420116", "盘龙城开发区质量服务站", "黄陂区盘龙城"),
    ("420117", "阳逻开发区质量服务站", "新洲区阳逻"),
    ("420117", "邾城质量服务站", "新洲区邾城街"),
)

# code, name, kind, region, host, address, services, parent code
OTHER_STATIONS = (
    (
        "wh-hub",
        "武汉市质量基础设施一站式服务中心",
        StationKind.STATION,
        "420100",
        "武汉市市场监督管理局",
        "武汉市江岸区三阳路",
        ALL,
        None,
    ),
    (
        "nt-textile",
        "南通家纺质量合作社",
        StationKind.COOPERATIVE,
        "320612",
        "南通市纤维检验所",
        "南通市通州区川姜镇家纺城",
        (C.INSPECTION, C.STANDARDS, C.BRAND),
        None,
    ),
    (
        "lz-luosifen",
        "柳州螺蛳粉产业质量服务站",
        StationKind.INDUSTRY_CENTER,
        "450204",
        "柳州市食品药品检验所",
        "柳州市柳南区螺蛳粉产业园",
        (C.INSPECTION, C.QUALITY_MANAGEMENT, C.STANDARDS, C.BRAND),
        None,
    ),
    (
        "tl-rubber",
        "铁岭橡胶产业质量服务平台（铁橡云台）",
        StationKind.PLATFORM,
        "211202",
        "铁岭市检验检测认证中心",
        "铁岭市银州区",
        (C.QUALITY_MANAGEMENT, C.BRAND, C.INSPECTION),
        None,
    ),
    (
        "yt-sharedlab",
        "烟台 NQI+ 共享实验室平台",
        StationKind.PLATFORM,
        "370602",
        "烟台市计量测试所",
        "烟台市芝罘区",
        (C.METROLOGY, C.INSPECTION),
        None,
    ),
)


def wuhan_station_services(index: int) -> tuple[str, ...]:
    """Every doorstep station offers the four NQI elements and quality management (its
    experts diagnose firms on the spot); some add more."""
    extra = ((), (C.BRAND,), (), (C.OTHER,))
    return (*CORE, C.QUALITY_MANAGEMENT, *extra[index % len(extra)])


def station_rows():
    """Yield (code, name, kind, region, host, address, services, parent code)."""
    yield OTHER_STATIONS[0]
    for index, (region, name, address) in enumerate(WUHAN_STATIONS, start=1):
        yield (
            f"wh-{index:02d}",
            name,
            StationKind.STATION,
            region,
            WUHAN_INSTITUTES[index % len(WUHAN_INSTITUTES)],
            f"武汉市{address}",
            wuhan_station_services(index),
            "wh-hub",
        )
    yield from OTHER_STATIONS[1:]
