"""Short invented news pages for the command-line tests (outlets, people and figures are made up)."""

from __future__ import annotations

from pathlib import Path

KO_PAGE = """본문 바로가기
한빛일보
로그인 회원가입
주식시황
코스피 2,701.15 ▲12.30
코스닥 812.44 ▼3.05
원/달러 1,377.50 ▲2.10
산업 > 유통
편의점 3사, 여름 한정 도시락 경쟁 본격화
구하늘 기자
입력 2025.06.02 09:30
[사진=한빛일보 DB]
(서울=한빛일보) 구하늘 기자 = 편의점 업계가 여름철을 앞두고 한정판 도시락을 잇달아 내놓으며 고객 잡기에 나섰다.

업계에 따르면 주요 3사는 이달 들어 지역 특산물을 활용한 도시락 12종을 새로 선보였다.

한 업체 관계자는 "[단독] 표시가 붙은 기획 상품의 판매량이 지난해보다 30% 늘었다"고 말했다.

구하늘 기자 haneul@hanbit.example
<저작권자 © 한빛일보, 무단전재 및 재배포 금지>
많이 본 뉴스
"""

KO_CLEAN = """편의점 3사, 여름 한정 도시락 경쟁 본격화
편의점 업계가 여름철을 앞두고 한정판 도시락을 잇달아 내놓으며 고객 잡기에 나섰다.

업계에 따르면 주요 3사는 이달 들어 지역 특산물을 활용한 도시락 12종을 새로 선보였다.

한 업체 관계자는 "[단독] 표시가 붙은 기획 상품의 판매량이 지난해보다 30% 늘었다"고 말했다.
"""

EN_PAGE = """Skip to main content
Harbor Ledger
Markets | Business | Opinion
Dow 41,250.33 +0.4%
S&P 500 5,902.10 +0.2%
Nasdaq 19,011.87 -0.1%
City council approves new ferry terminal after two-year debate
By Mara Quill
Published June 3, 2025 7:45 a.m. ET
The city council on Monday approved a $48 million ferry terminal on the east waterfront, ending a debate that began in 2023.

Council member Theo Brandt said the vote "settles a question residents have asked for a decade."

Construction is expected to start in the spring, with service beginning in 2027.

Copyright © 2025 Harbor Ledger. All rights reserved.
Related Stories
"""

EN_CLEAN = """City council approves new ferry terminal after two-year debate
The city council on Monday approved a $48 million ferry terminal on the east waterfront, ending a debate that began in 2023.

Council member Theo Brandt said the vote "settles a question residents have asked for a decade."

Construction is expected to start in the spring, with service beginning in 2027.
"""

# Nothing to remove: comes out byte for byte.
ARTICLE_ONLY = """기상청은 이번 주말 남부 지방에 최대 80mm의 비가 내릴 것으로 내다봤다.

비는 일요일 오후 대부분 그칠 전망이다.
"""

# A user pack for one invented site's widget, as the README tutorial builds it.
WIDGET_PACK = """[pack]
id = "hanbit-widgets"
description = "Widgets of the invented site hanbit.example."
schema = 1

[[rules]]
id = "hanbit-widgets-poll"
description = "The reader poll box, e.g. '오늘의 투표: 여름 휴가 어디로? 참여하기'."
regex = '''^오늘의\\s*투표\\s*:.{1,60}참여하기$'''
keywords = ["오늘의"]
zones = ["head", "body", "tail"]

[[rules.examples]]
remove = "오늘의 투표: 여름 휴가 어디로? 참여하기"

[[rules.examples]]
keep = "오늘의 투표 결과는 다음 주에 공개된다."
"""

POLL_LINE = "오늘의 투표: 주 4일제 찬성하시나요? 참여하기"


def write(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 bytes exactly (no newline translation) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path
