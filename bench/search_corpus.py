"""A corpus of Vietnamese administrative documents for ``bench.search``.

Deterministic for a seed; rows are what ``search_entry_upsert`` writes
(:func:`congso.core.search.services.entry_values`), so the benchmark indexes the
same text the service would.

- Titles (trích yếu) from templates per document type: "Quyết định về việc phê
  duyệt …", "V/v triển khai …", "Kế hoạch triển khai … trên địa bàn xã Phong
  Hiền năm 2024", with places of Thừa Thiên Huế / Phong Điền, programmes, fields
  and years.
- Numbers and symbols as issued: ``05/QĐ-UBND`` (numbers below 10 zero-padded, a
  sequence per issuer, type and year), ``12/2024/QĐ-UBND`` for some legal
  decisions, ``123/UBND-VP`` for official letters.
- Bodies of 50–200 words: a legal basis line ("Căn cứ Luật …"), then sentences
  drawn from a vocabulary of administrative words with Zipf-like frequencies
  (the commonest words are in nearly every document, the rarest in a fraction of
  a percent), plus names, amounts and dates (a long tail of rare tokens).
- 40 agencies (Zipf-like sizes), dates over 2019–2025 roughly in id order, 60 %
  incoming / 40 % outgoing, 1 % restricted.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import numpy as np

from congso.core.search.services import entry_values

PLACES = [
    "Phong Điền", "Phong Hiền", "Phong An", "Phong Sơn", "Phong Xuân", "Phong Mỹ",
    "Phong Thu", "Phong Hòa", "Phong Bình", "Phong Chương", "Phong Hải", "Phong Phú",
    "Điền Hương", "Điền Môn", "Điền Lộc", "Điền Hòa", "Điền Hải", "Quảng Điền",
    "Hương Trà", "Hương Thủy", "A Lưới", "Phú Vang", "Phú Lộc", "Nam Đông",
    "Thuận Hóa", "Phú Xuân", "Kim Long", "Vỹ Dạ", "An Cựu", "Thủy Xuân",
]  # fmt: skip
UNIT_PREFIX = ["xã", "xã", "xã", "thị trấn", "huyện", "phường"]
# (issuer, symbol of the issuer); the first ones issue most documents
ISSUERS = [
    ("UBND huyện Phong Điền", "UBND"),
    ("UBND tỉnh Thừa Thiên Huế", "UBND"),
    ("Văn phòng HĐND và UBND huyện Phong Điền", "VP"),
    ("Phòng Tài nguyên và Môi trường huyện Phong Điền", "TNMT"),
    ("Phòng Tài chính - Kế hoạch huyện Phong Điền", "TCKH"),
    ("Phòng Lao động - Thương binh và Xã hội", "LĐTBXH"),
    ("Phòng Giáo dục và Đào tạo huyện Phong Điền", "GDĐT"),
    ("Sở Tài nguyên và Môi trường tỉnh Thừa Thiên Huế", "STNMT"),
    ("Sở Kế hoạch và Đầu tư tỉnh Thừa Thiên Huế", "SKHĐT"),
    ("Sở Nội vụ tỉnh Thừa Thiên Huế", "SNV"),
    ("Sở Tài chính tỉnh Thừa Thiên Huế", "STC"),
    ("Ban Chỉ huy Quân sự huyện Phong Điền", "BCH"),
    ("Công an huyện Phong Điền", "CAH"),
    ("Hội đồng nhân dân huyện Phong Điền", "HĐND"),
    ("Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC"),
    *[(f"UBND xã {p}", "UBND") for p in PLACES[1:18]],
]
YEARS = list(range(2019, 2026))
PROGRAMMES = [
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "Đề án 06 về phát triển ứng dụng dữ liệu dân cư",
    "chuyển đổi số", "cải cách hành chính", "dịch vụ công trực tuyến toàn trình",
    "Luật Đất đai năm 2024", "Luật Thực hiện dân chủ ở cơ sở",
    "phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa",
    "công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "công tác tuyển chọn và gọi công dân nhập ngũ",
    "tiêm chủng mở rộng", "kiểm kê đất đai, lập bản đồ hiện trạng sử dụng đất",
    "tổng điều tra kinh tế", "Tháng hành động vì an toàn thực phẩm",
]  # fmt: skip
FIELDS = [
    "quản lý đất đai", "bảo vệ môi trường", "an ninh trật tự", "giáo dục và đào tạo",
    "y tế cơ sở", "văn hóa, thể thao", "phòng cháy, chữa cháy", "quản lý trật tự xây dựng",
    "thu ngân sách nhà nước", "giải quyết khiếu nại, tố cáo", "bảo trợ xã hội",
    "phòng, chống dịch bệnh", "sản xuất nông nghiệp", "đầu tư công", "hộ tịch",
    "chứng thực", "tiếp công dân", "quốc phòng địa phương", "giao thông nông thôn",
]  # fmt: skip
OBJECTS = [
    "kế hoạch sử dụng đất năm {year} của {place}",
    "Ban Chỉ đạo {field} {place}",
    "quy chế làm việc của UBND {place} nhiệm kỳ 2021-2026",
    "dự toán thu, chi ngân sách năm {year}",
    "giao đất cho hộ gia đình, cá nhân tại {place}",
    "danh sách hộ nghèo, hộ cận nghèo năm {year} trên địa bàn {place}",
    "tập thể, cá nhân có thành tích xuất sắc trong {field} năm {year}",
    "phương án bồi thường, hỗ trợ và tái định cư dự án đường giao thông {place}",
    "thu hồi đất để thực hiện dự án khu dân cư {place}",
    "cấp giấy chứng nhận quyền sử dụng đất cho hộ ông {person}",
    "xử phạt vi phạm hành chính đối với ông {person}",
    "chi trả trợ cấp xã hội hằng tháng cho bà {person}",
    "bán đấu giá quyền sử dụng đất tại {place}",
    "cho thuê đất nông nghiệp công ích {place}",
]  # fmt: skip
TITLES: list[tuple[str, str, float, list[str]]] = [
    # kind, abbreviation, weight, templates
    ("decision", "QĐ", 30, [
        "Quyết định về việc phê duyệt {object}", "Quyết định về việc ban hành {object}",
        "Quyết định về việc thành lập {object}", "Quyết định về việc kiện toàn {object}",
        "Quyết định về việc khen thưởng {object}", "Quyết định về việc {object}",
        "Quyết định về việc điều chỉnh {object}",
    ]),
    ("official_letter", "", 28, [
        "V/v triển khai {programme} năm {year}", "V/v đề nghị hỗ trợ kinh phí {field}",
        "V/v tăng cường công tác {field}", "V/v góp ý dự thảo {object}",
        "V/v báo cáo tình hình {field} {period}", "V/v đôn đốc thực hiện {programme}",
        "V/v phúc đáp đơn của công dân {person} tại {place}",
    ]),
    ("plan", "KH", 10, [
        "Kế hoạch triển khai {programme} trên địa bàn {place} năm {year}",
        "Kế hoạch tổ chức Hội nghị tổng kết {field} năm {year}",
        "Kế hoạch kiểm tra {field} {period}",
    ]),
    ("notice", "TB", 8, [
        "Thông báo kết luận của Chủ tịch UBND {place} tại buổi làm việc về {field}",
        "Thông báo lịch tiếp công dân {period}", "Thông báo thu hồi đất {place}",
    ]),
    ("report", "BC", 10, [
        "Báo cáo tình hình {field} {period}",
        "Báo cáo kết quả thực hiện {programme} năm {year}",
        "Báo cáo sơ kết {field} {period}",
    ]),
    ("submission", "TTr", 6, [
        "Tờ trình đề nghị phê duyệt {object}", "Tờ trình về việc {object}",
    ]),
    ("invitation", "GM", 4, ["Giấy mời họp bàn {field}", "Giấy mời dự Hội nghị {programme}"]),
    ("directive", "CT", 1, ["Chỉ thị về việc tăng cường {field}"]),
    ("resolution", "NQ", 2, ["Nghị quyết về {object}", "Nghị quyết về {programme}"]),
    ("guidance", "HD", 1, ["Hướng dẫn thực hiện {programme}"]),
]  # fmt: skip
PERIODS = ["6 tháng đầu năm {year}", "quý I năm {year}", "quý III năm {year}",
           "tháng 9 năm {year}", "năm {year}", "9 tháng đầu năm {year}"]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đoàn"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Công"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long",
         "Mai", "Nam", "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Trung", "Việt", "Yến",
         "Đạt", "Hiếu", "Khánh", "Lộc", "Nhàn", "Oanh", "Phượng", "Thuỷ", "Tùng"]  # fmt: skip
LAWS = [
    "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    "Luật Đất đai ngày 18 tháng 01 năm 2024", "Luật Ngân sách nhà nước năm 2015",
    "Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012",
    "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
    "Nghị định số 61/2018/NĐ-CP của Chính phủ", "Thông tư số 01/2023/TT-VPCP",
    "Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ",
]  # fmt: skip
# Vocabulary in rough order of frequency (administrative prose); the draw is Zipf.
VOCABULARY = """
của, và, các, theo, thực hiện, trên địa bàn, xã, công tác, ủy ban nhân dân, huyện,
năm, được, đề nghị, quy định, tổ chức, cá nhân, đơn vị, có, với, trong, cho, về việc,
người dân, cơ quan, kế hoạch, triển khai, báo cáo, tỉnh, kịp thời, đảm bảo, đúng,
hướng dẫn, thời gian, nội dung, kết quả, chỉ đạo, phối hợp, quản lý, hồ sơ, đất,
địa phương, trách nhiệm, thủ tục, hành chính, nhân dân, cán bộ, công chức, tình hình,
kiểm tra, giải quyết, tiếp tục, tăng cường, các ngành, liên quan, phòng, ban, ngành,
đoàn thể, thôn, tổ dân phố, hộ gia đình, kinh phí, ngân sách, dự án, công trình,
xây dựng, giao thông, thủy lợi, nông nghiệp, sản xuất, kinh tế, xã hội, văn hóa,
giáo dục, y tế, môi trường, an ninh, trật tự, quốc phòng, chính sách, người có công,
bảo trợ, trẻ em, phụ nữ, thanh niên, cựu chiến binh, nông dân, mặt trận, tổ quốc,
đất đai, giấy chứng nhận, quyền sử dụng đất, bồi thường, hỗ trợ, tái định cư,
thu hồi, giải phóng mặt bằng, quy hoạch, kế hoạch sử dụng đất, đo đạc, bản đồ,
địa chính, đăng ký, biến động, chuyển nhượng, thừa kế, tặng cho, thế chấp,
cấp đổi, cấp lại, đính chính, tranh chấp, khiếu nại, tố cáo, kiến nghị, phản ánh,
hòa giải, cơ sở, tiếp công dân, đối thoại, thanh tra, xử lý, vi phạm, xử phạt,
biên bản, quyết định, thông báo, công văn, tờ trình, giấy mời, chương trình,
đề án, phương án, dự toán, quyết toán, thanh toán, tạm ứng, chi trả, nguồn vốn,
đầu tư công, nông thôn mới, giảm nghèo, hộ nghèo, hộ cận nghèo, việc làm,
đào tạo nghề, lao động, bảo hiểm xã hội, bảo hiểm y tế, trợ cấp, trợ giúp,
khen thưởng, thi đua, biểu dương, kỷ luật, tuyển dụng, nâng lương, bổ nhiệm,
luân chuyển, điều động, biệt phái, nghỉ hưu, thôi việc, đánh giá, xếp loại,
chuyển đổi số, dịch vụ công, trực tuyến, một cửa, liên thông, dữ liệu, dân cư,
định danh, điện tử, chữ ký số, văn bản, lưu trữ, văn thư, con dấu, bản sao,
chứng thực, hộ tịch, khai sinh, khai tử, kết hôn, thường trú, tạm trú, căn cước,
phòng cháy, chữa cháy, thiên tai, bão, lũ, lụt, sạt lở, hạn hán, cứu hộ, cứu nạn,
di dời, sơ tán, khắc phục, hậu quả, dịch bệnh, tiêm phòng, gia súc, gia cầm,
lúa, hoa màu, rừng, trồng rừng, khai thác, khoáng sản, cát, sỏi, rác thải,
nước sạch, vệ sinh, an toàn thực phẩm, chợ, kinh doanh, hộ kinh doanh, doanh nghiệp,
hợp tác xã, thuế, phí, lệ phí, thu nộp, tài sản, tài sản công, nhà ở, trụ sở,
sửa chữa, nâng cấp, mua sắm, đấu thầu, đấu giá, bán, bán đấu giá, cho thuê,
bàn giao, nghiệm thu, quyết toán công trình, trường học, trạm y tế, nhà văn hóa,
đường bê tông, kênh mương, cầu, cống, điện chiếu sáng, cây xanh, nghĩa trang,
di tích, lễ hội, du lịch, thể dục thể thao, gia đình văn hóa, khu dân cư,
bạn đọc, bàn bạc, bản đồ địa chính, ban chỉ đạo, ban quản lý, ban hành, ban chấp hành,
tuyên truyền, phổ biến, giáo dục pháp luật, tập huấn, hội nghị, hội thảo, sơ kết,
tổng kết, giao ban, họp, thống nhất, ý kiến, góp ý, dự thảo, thẩm định, phê duyệt,
trình, ký, ban hành kèm theo, hiệu lực, thi hành, chánh văn phòng, thủ trưởng,
chủ tịch, phó chủ tịch, bí thư, trưởng thôn, công an, quân sự, dân quân, tự vệ,
nghĩa vụ quân sự, tuyển quân, nhập ngũ, xuất ngũ, hậu phương quân đội,
biên giới, đầm phá, ven biển, ngư dân, tàu cá, nuôi trồng thủy sản, hồ chứa,
Tam Giang, Ô Lâu, Hương Giang, Bồ Giang, Rào Trăng, Phong Điền, Thừa Thiên Huế,
cố đô, Huế, quần thể di tích, nhã nhạc, áo dài, nón lá, bún bò, Đại Nội, lăng tẩm
"""
WORDS = [w.strip() for w in VOCABULARY.replace("\n", " ").split(",") if w.strip()]
RESULT_LINES = [
    "Giao Văn phòng HĐND và UBND theo dõi, đôn đốc việc thực hiện.",
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo về UBND huyện để xem xét, giải quyết.",
]  # fmt: skip
STATUSES = {
    "documents.incoming": (["registered", "assigned", "processing", "done"], [10, 15, 25, 50]),
    "documents.outgoing": (["draft", "issued"], [5, 95]),
}  # fmt: skip
START, END = date(2019, 1, 2), date(2025, 12, 30)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


class Corpus:
    """Rows of ``core_searchentry`` in column order, ``chunk(k)`` at a time."""

    def __init__(self, n: int, seed: int = 2026, agencies: int = 40) -> None:
        self.n, self.rng = n, random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.agencies = list(range(1, agencies + 1))
        self.agency_cum = _cumulative([1 / (i + 1) ** 0.8 for i in range(agencies)])
        self.issuer_cum = _cumulative([1 / (i + 1) ** 0.7 for i in range(len(ISSUERS))])
        self.type_cum = _cumulative([t[2] for t in TITLES])
        ranks = np.arange(1, len(WORDS) + 1, dtype=np.float64)
        weights = 1 / ranks**1.05
        self.word_p = weights / weights.sum()
        self.sequence: dict[tuple[int, str, int], int] = {}
        self.done = 0

    def _fill(self, template: str, year: int) -> str:
        rng = self.rng
        text = template
        for _ in range(3):  # objects contain fields, places …
            text = text.format(
                object=rng.choice(OBJECTS),
                programme=rng.choice(PROGRAMMES),
                field=rng.choice(FIELDS),
                period=rng.choice(PERIODS),
                place=f"{rng.choice(UNIT_PREFIX)} {rng.choice(PLACES)}",
                person=person(rng),
                year=year,
            )
        return text[0].upper() + text[1:]

    def _body(self, title: str, number: str) -> str:
        rng = self.rng
        lines = [f"Căn cứ {rng.choice(LAWS)};"]
        if rng.random() < 0.3:
            lines.append(f"Căn cứ Quyết định số {self._cited()} của UBND tỉnh;")
        target = rng.randint(50, 200)
        count = sum(len(line.split()) for line in lines)
        draws = self.np.choice(len(WORDS), size=target, p=self.word_p)
        position = 0
        while count < target and position < len(draws):
            size = rng.randint(6, 18)
            words = [WORDS[i] for i in draws[position : position + size]]
            position += size
            if rng.random() < 0.25:
                words.append(
                    f"ông {person(rng)}" if rng.random() < 0.5 else f"bà {person(rng)}"
                )
            if rng.random() < 0.15:
                words.append(
                    f"số tiền {rng.randint(1, 999) * 1000:,} đồng".replace(",", ".")
                )
            if rng.random() < 0.1:
                words.append(
                    f"ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice(YEARS)}"
                )
            sentence = " ".join(words)
            lines.append(sentence[0].upper() + sentence[1:] + ".")
            count += len(sentence.split())
        if rng.random() < 0.5:
            lines.append(rng.choice(RESULT_LINES))
        if rng.random() < 0.2:
            lines.append(f"Về nội dung: {title.lower()} (văn bản số {number}).")
        return "\n".join(lines)

    def _cited(self) -> str:
        rng = self.rng
        return f"{rng.randint(1, 3500):02d}/QĐ-UBND ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice(YEARS)}"

    def _number(
        self, issuer_index: int, abbreviation: str, year: int, kind: str
    ) -> str:
        key = (issuer_index, kind, year)
        seq = self.sequence.get(key, 0) + 1
        self.sequence[key] = seq
        issuer_symbol = ISSUERS[issuer_index][1]
        if not abbreviation:  # công văn: number/issuer-unit
            return f"{seq:02d}/{issuer_symbol}-{self.rng.choice(['VP', 'TNMT', 'TCKH', 'NV'])}"
        if kind == "decision" and self.rng.random() < 0.05:
            return f"{seq:02d}/{year}/{abbreviation}-{issuer_symbol}"
        return f"{seq:02d}/{abbreviation}-{issuer_symbol}"

    def rows(self, k: int) -> Iterator[dict[str, Any]]:
        """The next ``k`` entries as ``entry_values`` dicts (plus ``updated_at``
        left to the caller)."""
        rng = self.rng
        span = (END - START).days
        agencies = rng.choices(self.agencies, cum_weights=self.agency_cum, k=k)
        issuers = rng.choices(range(len(ISSUERS)), cum_weights=self.issuer_cum, k=k)
        kinds = rng.choices(range(len(TITLES)), cum_weights=self.type_cum, k=k)
        for agency, issuer_index, kind_index in zip(
            agencies, issuers, kinds, strict=True
        ):
            i = self.done
            self.done += 1
            # documents arrive roughly in date order, with a little disorder
            offset = int(span * i / max(1, self.n - 1)) + rng.randint(-20, 20)
            day = START + timedelta(days=min(span, max(0, offset)))
            kind, abbreviation, _w, templates = TITLES[kind_index]
            title = self._fill(rng.choice(templates), day.year)
            number = self._number(issuer_index, abbreviation, day.year, kind)
            object_type = (
                "documents.incoming" if rng.random() < 0.6 else "documents.outgoing"
            )
            statuses, weights = STATUSES[object_type]
            yield entry_values(
                object_type=object_type,
                object_id=str(i + 1),
                agency_id=agency,
                restricted=rng.random() < 0.01,
                kind=kind,
                status=rng.choices(statuses, weights)[0],
                issuer=ISSUERS[issuer_index][0],
                doc_date=day if rng.random() > 0.002 else None,
                number=number,
                title=title,
                body=self._body(title, number),
            )


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out
