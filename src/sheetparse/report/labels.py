"""The report's Japanese words: statuses, roles, narrative kinds, changes (one place, so the
page reads the same everywhere and a reviewer can check every label at once)."""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple


class StatusLabel(NamedTuple):
    """How a status prints: its word, a mark that does not rely on colour, what it means."""

    word: str
    mark: str
    meaning: str


#: progress status → its label (達成, 順調, 遅れ …)
STATUS = MappingProxyType(
    {
        "achieved": StatusLabel("達成", "✓", "最新の実績が目標値に到達"),
        "on-track": StatusLabel("順調", "↗", "起点から目標値への直線（計画線）上かそれ以上"),
        "behind": StatusLabel("遅れ", "!", "計画線に届いていない"),
        "undated": StatusLabel("期限不明", "?", "目標年度がなく計画線を引けない"),
        "zero-span": StatusLabel("維持目標", "=", "目標値が起点と同じ（達成か未達のみ）"),
        "no-start": StatusLabel("起点なし", "–", "現状値がなく実績が1つだけ（達成率＝実績÷目標）"),
        "no-data": StatusLabel("実績なし", "–", "実績値がまだない"),
        "no-target": StatusLabel("目標なし", "–", "目標値がない"),
    }
)

DIRECTION = MappingProxyType({"higher": "高いほど良い", "lower": "低いほど良い", "unknown": "不明"})
DIRECTION_SOURCE = MappingProxyType(
    {"target": "現状値→目標値から", "override": "指定", "vocabulary": "指標名の語から"}
)

ROLE = MappingProxyType(
    {"baseline": "現状値", "actual": "実績値", "plan": "見込", "target": "目標値"}
)

NARRATIVE = MappingProxyType(
    {
        "direction": "方向性",
        "purpose": "目的",
        "beneficiaries": "対象",
        "overview": "事業概要",
        "plan": "取組予定",
        "mindset_change": "気持ちの変化",
        "behavior_change": "行動の変化",
        "outcome": "目指す成果",
        "results": "事業実績",
        "expected_effects": "当初期待した効果",
        "changes_and_issues": "生じた変化又は課題",
        "next_steps": "今後の取組の方向性",
        "other": "その他",
    }
)

COST_KIND = MappingProxyType({"budget": "予算", "settlement": "決算"})

CHANGE = MappingProxyType(
    {
        "measure-added": "施策の追加",
        "measure-vanished": "施策の削除",
        "measure-retitled": "施策名の変更",
        "indicator-added": "指標の追加",
        "indicator-vanished": "指標の削除",
        "indicator-renamed": "指標名の変更",
        "value-revised": "数値の修正",
    }
)
