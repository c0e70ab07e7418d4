"""Yantai's shared instrument pool: about 40 labs, 1,600 instruments worth 1.1 billion yuan.

Labs of the city's institutes, universities and firms join the NQI+ platform
(``yt-sharedlab``); each holds instruments of its disciplines with realistic
names, makers and original values, scaled so the pool totals the reported
1.1 billion yuan. A few calibrations have lapsed, some end within the
reminder's 30 days. A month of bookings surrounds today: the past fortnight
used (or missed, or cancelled), the next one requested and approved. All rows
are bulk-created from a seeded random generator, so the seed is quick and
repeatable; a second run finds the labs and adds nothing.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from enterprises.models import Enterprise
from instruments.choices import BookingAction, BookingMode, BookingStatus
from instruments.models import Booking, BookingEvent, Instrument, Lab
from requests_app.choices import Category as C
from requests_app.deadlines import is_working_day
from service_stations.models import ServiceStation

PLATFORM = "yt-sharedlab"
POOL_VALUE = Decimal("1100000000")
INSTRUMENTS = 1600
EXPIRED = 9
# The first hosts also run a branch lab of each discipline in another district.
BRANCHED_HOSTS = 6
STREETS = ("长江路", "港城大街", "观海路", "青年南路", "迎春大街", "机场路")

# Yantai's districts and county-level cities (GB/T 2260).
DISTRICTS = {
    "370602": "芝罘区",
    "370611": "福山区",
    "370612": "牟平区",
    "370613": "莱山区",
    "370614": "蓬莱区",
    "370681": "龙口市",
    "370682": "莱阳市",
    "370683": "莱州市",
    "370685": "招远市",
    "370686": "栖霞市",
    "370687": "海阳市",
}

# Host organisations and the kinds of lab each runs.
HOSTS = (
    ("烟台市计量测试所", ("几何量计量", "热工计量", "力学计量", "电磁计量")),
    ("烟台市产品质量监督检验所", ("机械产品检测", "化学分析", "材料检测")),
    ("山东省食品药品检验研究院烟台分院", ("食品检测", "药品检测")),
    ("烟台市纤维质量监测中心", ("纺织检测",)),
    ("烟台大学", ("化学分析", "材料表征")),
    ("鲁东大学", ("化学分析",)),
    ("中国农业大学烟台研究院", ("食品检测",)),
    ("烟台海关技术中心", ("化学分析", "食品检测")),
    ("山东核电设备制造有限公司", ("无损检测",)),
    ("烟台万华化学集团", ("化学分析", "材料表征")),
    ("杰瑞集团", ("力学计量", "无损检测")),
    ("东方电子集团", ("电磁计量", "电磁兼容")),
    ("烟台张裕葡萄酿酒股份有限公司", ("食品检测",)),
    ("龙口南山集团", ("材料检测", "纺织检测")),
    ("招金矿业", ("化学分析",)),
    ("莱州市检验检测中心", ("机械产品检测",)),
)

# name, element, makers, original value range (10k yuan), slot minutes, modes
# fmt: off
CATALOGUE = {
    "几何量计量": (
        ("三坐标测量机", C.METROLOGY, ("海克斯康", "蔡司", "三丰"), (80, 420), 60),
        ("激光跟踪仪", C.METROLOGY, ("徕卡", "API", "FARO"), (90, 260), 60),
        ("圆度仪", C.METROLOGY, ("泰勒霍普森", "三丰"), (40, 120), 60),
        ("影像测量仪", C.METROLOGY, ("天准", "三丰", "尼康"), (15, 60), 30),
        ("激光干涉仪", C.METROLOGY, ("雷尼绍", "是德科技"), (50, 150), 60),
        ("量块比较仪", C.METROLOGY, ("哈尔滨量具刃具", "马尔"), (8, 30), 30),
    ),
    "热工计量": (
        ("温度校准炉", C.METROLOGY, ("福禄克", "康斯特"), (5, 30), 60),
        ("标准铂电阻温度计组", C.METROLOGY, ("福禄克", "航天计量"), (6, 20), 60),
        ("恒温油槽", C.METROLOGY, ("福禄克", "康斯特"), (4, 15), 60),
    ),
    "力学计量": (
        ("标准测力机", C.METROLOGY, ("长春试验机", "济南试验机"), (60, 300), 120),
        ("扭矩标准机", C.METROLOGY, ("GTM", "长春试验机"), (40, 180), 120),
        ("压力控制器", C.METROLOGY, ("康斯特", "GE德鲁克"), (10, 40), 60),
        ("硬度标准机", C.METROLOGY, ("莱州华银", "时代"), (15, 60), 60),
    ),
    "电磁计量": (
        ("多功能标准源", C.METROLOGY, ("福禄克", "是德科技"), (20, 90), 60),
        ("数字多用表校准装置", C.METROLOGY, ("是德科技", "泰克"), (10, 40), 60),
        ("电能表检定装置", C.METROLOGY, ("科陆", "威胜"), (15, 60), 60),
    ),
    "机械产品检测": (
        ("万能材料试验机", C.INSPECTION, ("英斯特朗", "济南试验机", "三思纵横"), (30, 160), 60),
        ("疲劳试验机", C.INSPECTION, ("MTS", "岛津"), (80, 350), 120),
        ("冲击试验机", C.INSPECTION, ("济南试验机", "时代"), (10, 40), 30),
        ("三综合振动试验台", C.INSPECTION, ("苏试", "东菱"), (60, 260), 120),
        ("盐雾试验箱", C.INSPECTION, ("艾斯佩克", "广州五所"), (5, 25), 120),
    ),
    "化学分析": (
        ("气相色谱-质谱联用仪", C.INSPECTION, ("安捷伦", "岛津", "赛默飞"), (90, 260), 120),
        ("电感耦合等离子体质谱仪", C.INSPECTION, ("安捷伦", "赛默飞", "珀金埃尔默"), (180, 380), 120),
        ("液相色谱-串联质谱仪", C.INSPECTION, ("沃特世", "AB Sciex", "安捷伦"), (220, 450), 120),
        ("电感耦合等离子体发射光谱仪", C.INSPECTION, ("赛默飞", "安捷伦"), (70, 150), 120),
        ("原子吸收分光光度计", C.INSPECTION, ("岛津", "北京普析"), (25, 80), 60),
        ("傅里叶变换红外光谱仪", C.INSPECTION, ("赛默飞", "布鲁克"), (30, 120), 60),
        ("离子色谱仪", C.INSPECTION, ("赛默飞", "瑞士万通"), (30, 90), 120),
    ),
    "材料检测": (
        ("直读光谱仪", C.INSPECTION, ("斯派克", "牛津仪器"), (50, 150), 60),
        ("金相显微镜", C.INSPECTION, ("蔡司", "奥林巴斯", "徕卡"), (15, 80), 60),
        ("X射线荧光光谱仪", C.INSPECTION, ("帕纳科", "岛津", "布鲁克"), (90, 280), 60),
    ),
    "材料表征": (
        ("扫描电子显微镜", C.INSPECTION, ("蔡司", "日立", "赛默飞"), (200, 600), 120),
        ("X射线衍射仪", C.INSPECTION, ("布鲁克", "帕纳科", "理学"), (150, 400), 120),
        ("激光粒度分析仪", C.INSPECTION, ("马尔文", "新帕泰克"), (30, 90), 60),
        ("同步热分析仪", C.INSPECTION, ("耐驰", "梅特勒-托利多"), (50, 150), 120),
    ),
    "食品检测": (
        ("液相色谱仪", C.INSPECTION, ("安捷伦", "沃特世", "岛津"), (30, 90), 120),
        ("实时荧光定量PCR仪", C.INSPECTION, ("赛默飞", "伯乐", "罗氏"), (25, 70), 120),
        ("凯氏定氮仪", C.INSPECTION, ("福斯", "海能"), (10, 40), 60),
        ("全自动微生物鉴定系统", C.INSPECTION, ("梅里埃", "BD"), (60, 160), 120),
    ),
    "药品检测": (
        ("溶出度仪", C.INSPECTION, ("安捷伦", "天大天发"), (15, 50), 60),
        ("超高效液相色谱仪", C.INSPECTION, ("沃特世", "赛默飞"), (60, 130), 120),
    ),
    "纺织检测": (
        ("电子织物强力机", C.INSPECTION, ("英斯特朗", "莱州电子仪器"), (10, 40), 60),
        ("耐摩擦色牢度仪", C.INSPECTION, ("莱州电子仪器", "SDL"), (2, 10), 30),
    ),
    "无损检测": (
        ("工业CT", C.INSPECTION, ("通用电气", "日联科技", "蔡司"), (400, 1200), 120),
        ("相控阵超声检测仪", C.INSPECTION, ("奥林巴斯", "汕头超声"), (30, 90), 60),
        ("数字射线成像系统", C.INSPECTION, ("通用电气", "依科视朗"), (80, 260), 120),
    ),
    "电磁兼容": (
        ("电磁兼容测试系统", C.CERTIFICATION, ("罗德与施瓦茨", "是德科技"), (300, 900), 240),
        ("静电放电发生器", C.CERTIFICATION, ("泰思特", "EMC PARTNER"), (8, 25), 60),
    ),
}
# fmt: on
PURPOSES = (
    "来料尺寸复检",
    "出口产品第三方检测",
    "新产品研发验证",
    "客户投诉样品复测",
    "工艺改进对比试验",
    "年度产品质量自查",
)


def load_instrument_pool(*, today: datetime.date | None = None) -> int:
    """Load the pool once; return how many instruments it holds."""
    platform = ServiceStation.objects.get(code=PLATFORM)
    if Lab.objects.filter(station=platform).exists():
        return Instrument.objects.filter(lab__station=platform).count()
    today = today or timezone.localdate()
    rng = random.Random(24)
    labs = _labs(platform, rng)
    Lab.objects.bulk_create([lab for lab, _kind in labs])
    instruments = Instrument.objects.bulk_create(_instruments(labs, rng, today))
    _bookings(instruments, rng, today)
    return len(instruments)


def _labs(platform: ServiceStation, rng: random.Random) -> list[tuple[Lab, str]]:
    """Return one lab per host and discipline, and a branch of each of the first hosts'."""
    districts = list(DISTRICTS.items())
    pairs = [(host, kind, "") for host, kinds in HOSTS for kind in kinds]
    pairs += [(host, kind, "分部") for host, kinds in HOSTS[:BRANCHED_HOSTS] for kind in kinds]
    labs = []
    for number, (host, kind, branch) in enumerate(pairs):
        region, district = districts[number % len(districts)]
        name = f"{host}{kind}实验室" + (f"（{district}{branch}）" if branch else "")
        lab = Lab(
            name=name,
            station=platform,
            organization=host,
            cnas_number=f"CNAS L{3100 + number * 7}" if number % 5 else None,
            cma_number=f"{231512340000 + number * 131}",
            region_code=region,
            address=f"烟台市{district}{rng.choice(STREETS)}{rng.randint(1, 300)}号",
            opens_at=datetime.time(8, 30) if number % 3 else datetime.time(9, 0),
            closes_at=datetime.time(17, 30) if number % 4 else datetime.time(17, 0),
            cancel_hours_before=(24, 48, 12)[number % 3],
        )
        labs.append((lab, kind))
    return labs


def _instruments(
    labs: list[tuple[Lab, str]], rng: random.Random, today: datetime.date
) -> list[Instrument]:
    rows = []
    for number in range(INSTRUMENTS):
        lab, kind = labs[number % len(labs)]
        name, element, makers, (low, high), slot = rng.choice(CATALOGUE[kind])
        maker = rng.choice(makers)
        lab_operated_only = high >= 200
        rows.append(
            Instrument(
                lab=lab,
                name=name,
                model=f"{rng.choice('ABCDEGHKMSTVX')}{rng.choice('ABCDEGHKMSTVX')}-{rng.randint(100, 9990)}",
                maker=maker,
                element=element,
                original_value=Decimal(rng.randint(low * 100, high * 100)) * 100,
                location=f"{lab.name} {rng.randint(1, 6)}{rng.randint(1, 30):02d} 室",
                calibration_certificate=f"YJ{today.year - 1}-{number + 1:05d}",
                calibration_valid_until=today + datetime.timedelta(days=rng.randint(20, 400)),
                slot_minutes=slot,
                max_hours=8 if slot >= 120 else 4,
                advance_days=rng.choice((14, 30, 30, 60)),
                needs_approval=lab_operated_only or rng.random() < 0.5,
                fee_per_hour=Decimal(max(50, (low + high) // 4 * 10)),
                modes=[BookingMode.LAB_OPERATED]
                if lab_operated_only
                else [BookingMode.SELF_SERVICE, BookingMode.LAB_OPERATED],
            )
        )
    _scale_to_pool_value(rows)
    for instrument in rng.sample(rows, EXPIRED):
        instrument.calibration_valid_until = today - datetime.timedelta(days=rng.randint(1, 90))
    return rows


def _scale_to_pool_value(rows: list[Instrument]) -> None:
    """Scale the drawn values so the pool totals ``POOL_VALUE``, to the hundred yuan."""
    factor = POOL_VALUE / sum(row.original_value for row in rows)
    for row in rows:
        row.original_value = (row.original_value * factor / 100).quantize(Decimal(1)) * 100


def _working_days(today: datetime.date, before: int, after: int) -> list[datetime.date]:
    days = (today + datetime.timedelta(days=offset) for offset in range(-before, after + 1))
    return [day for day in days if day != today and is_working_day(day)]


def _bookings(instruments: list[Instrument], rng: random.Random, today: datetime.date) -> None:
    """A month of bookings around ``today``, at most one per instrument and day."""
    firms = list(Enterprise.objects.filter(region_code__startswith="3706").order_by("pk"))
    usable = [
        i for i in instruments if i.calibration_valid_until >= today + datetime.timedelta(days=15)
    ]
    tz = timezone.get_current_timezone()
    now = timezone.now()
    bookings = []
    for day in _working_days(today, 15, 15):
        for instrument in rng.sample(usable, 45):
            lab, slot = instrument.lab, datetime.timedelta(minutes=instrument.slot_minutes)
            opens = datetime.datetime.combine(day, lab.opens_at, tzinfo=tz)
            in_day = (datetime.datetime.combine(day, lab.closes_at, tzinfo=tz) - opens) // slot
            longest = min(3, in_day, datetime.timedelta(hours=instrument.max_hours) // slot)
            length = rng.randint(1, longest)
            start = opens + slot * rng.randint(0, in_day - length)
            status = _outcome(day, today, instrument, rng)
            completed = status == BookingStatus.COMPLETED
            bookings.append(
                Booking(
                    instrument=instrument,
                    enterprise=rng.choice(firms),
                    starts_at=start,
                    ends_at=start + slot * length,
                    mode=rng.choice(instrument.modes),
                    purpose=rng.choice(PURPOSES),
                    status=status,
                    used_from=start if completed else None,
                    used_to=start + slot * length if completed else None,
                    # Booked days ahead, and never in the future.
                    created_at=min(
                        start - datetime.timedelta(days=rng.randint(2, 10)),
                        now - datetime.timedelta(hours=rng.randint(4, 48)),
                    ),
                )
            )
    Booking.objects.bulk_create(bookings)
    BookingEvent.objects.bulk_create(
        event for booking in bookings for event in _trail(booking, now)
    )


def _outcome(day, today, instrument, rng) -> str:
    if day > today:
        if instrument.needs_approval and rng.random() < 0.5:
            return BookingStatus.REQUESTED
        return BookingStatus.APPROVED
    draw = rng.random()
    if draw < 0.06:
        return BookingStatus.NO_SHOW
    if draw < 0.12:
        return BookingStatus.CANCELLED
    return BookingStatus.COMPLETED


# The moves after booking that lead to each status, as the lifecycle makes them.
_PATHS = {
    BookingStatus.REQUESTED: (),
    BookingStatus.APPROVED: ((BookingAction.APPROVE, BookingStatus.APPROVED),),
    BookingStatus.CANCELLED: (
        (BookingAction.APPROVE, BookingStatus.APPROVED),
        (BookingAction.CANCEL, BookingStatus.CANCELLED),
    ),
    BookingStatus.NO_SHOW: (
        (BookingAction.APPROVE, BookingStatus.APPROVED),
        (BookingAction.NO_SHOW, BookingStatus.NO_SHOW),
    ),
    BookingStatus.COMPLETED: (
        (BookingAction.APPROVE, BookingStatus.APPROVED),
        (BookingAction.START, BookingStatus.IN_USE),
        (BookingAction.COMPLETE, BookingStatus.COMPLETED),
    ),
}


def _trail(booking: Booking, now: datetime.datetime) -> list[BookingEvent]:
    """Return the booking's events: booked, approved (by the lab or at once), and so on."""
    steps = list(_PATHS[booking.status])
    auto = not booking.instrument.needs_approval
    first = BookingStatus.APPROVED if auto and steps else BookingStatus.REQUESTED
    if auto and steps:
        steps.pop(0)
    events = [
        BookingEvent(
            booking=booking,
            action=BookingAction.BOOK,
            from_status=None,
            to_status=first,
            created_at=booking.created_at,
        )
    ]
    moments = {
        BookingAction.APPROVE: booking.created_at + datetime.timedelta(hours=3),
        BookingAction.CANCEL: booking.starts_at - datetime.timedelta(days=1),
        BookingAction.START: booking.starts_at,
        BookingAction.NO_SHOW: booking.starts_at + datetime.timedelta(minutes=30),
        BookingAction.COMPLETE: booking.ends_at,
    }
    before = first
    for action, after in steps:
        events.append(
            BookingEvent(
                booking=booking,
                action=action,
                from_status=before,
                to_status=after,
                created_at=min(moments[action], now),
            )
        )
        before = after
    return events
