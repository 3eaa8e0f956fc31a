"""Write data/schema/*.json: the JSON Schema of every typed data file (tests/test_schema.py checks
it is up to date). Run: .venv/bin/python tools/make_schema.py"""

from pathlib import Path

from medinsure.rules.schema import all_schemas

OUT = Path(__file__).resolve().parent.parent / "data" / "schema"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, text in all_schemas().items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote data/schema/{name}")


if __name__ == "__main__":
    main()
