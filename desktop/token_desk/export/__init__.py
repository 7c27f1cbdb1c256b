"""Exports of token lists and of the action history to CSV and JSON files. No Qt."""

from token_desk.atomic_write import write_text_atomically
from token_desk.export.csv_format import FORMULA_STARTS, inert, write_csv
from token_desk.export.history_export import HISTORY_HEADERS, export_history_csv, export_history_json
from token_desk.export.tokens import (
    FINDINGS_HEADERS, TokenTable, csv_header, export_table_json, export_tokens_csv, export_tokens_json,
    permission_list, table_json, token_json, write_json_array,
)
from token_desk.export.calendar import export_expiry_reminders

__all__ = [
    "HISTORY_HEADERS", "export_history_csv", "export_history_json",
    "FORMULA_STARTS", "TokenTable", "csv_header", "export_tokens_csv", "export_tokens_json", "inert",
    "permission_list", "token_json", "FINDINGS_HEADERS", "export_table_json", "table_json",
    "export_expiry_reminders", "write_csv", "write_json_array", "write_text_atomically",
]
