"""The typed result of checking data: problems a user can find and fix.

Every problem names the file and line (or ``None`` where no line is known), the record
id, the field, what is wrong and how to fix it, in Dutch.

Examples
--------
>>> p = Problem(Severity.ERROR, "actoren.yaml", 12, "buurtteam-oost", "type",
...             "onbekende waarde 'buurtteem'", "bedoelde u: buurtteam?", "vocabulaire")
>>> str(p)
"actoren.yaml:12 buurtteam-oost type – onbekende waarde 'buurtteem' (bedoelde u: buurtteam?)"
"""

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Position", "Problem", "Report", "Severity"]


class Severity(Enum):
    """How bad a problem is: an error refuses the load, a warning is only reported."""

    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True)
class Position:
    """Where something stands in an input file (line counted from 1)."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """One problem found in the data."""

    severity: Severity
    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str
    hint: str
    rule: str

    @classmethod
    def at(
        cls,
        position: Position,
        message: str,
        *,
        hint: str = "",
        record: str | None = None,
        field: str | None = None,
        rule: str,
        severity: Severity = Severity.ERROR,
    ) -> "Problem":
        """A problem at *position*."""
        return cls(severity, position.file, position.line, record, field, message, hint, rule)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where, *(p for p in (self.record, self.field) if p)]
        text = " ".join(parts) + " – " + self.message
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "ernst": self.severity.value,
            "bestand": self.file,
            "regel": self.line,
            "record": self.record,
            "veld": self.field,
            "melding": self.message,
            "hint": self.hint,
            "controle": self.rule,
        }


@dataclass
class Report:
    """All problems found in one check or load."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def extend(self, problems: "list[Problem] | Report") -> None:
        self.problems.extend(problems.problems if isinstance(problems, Report) else problems)

    def __str__(self) -> str:
        lines = [str(p) for p in self.errors] + [str(p) for p in self.warnings]
        summary = f"{len(self.errors)} fout(en), {len(self.warnings)} waarschuwing(en)"
        return "\n".join([*lines, summary])
