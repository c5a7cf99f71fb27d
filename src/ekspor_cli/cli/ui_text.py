"""Every interview message in Bahasa Indonesia and English, and how values are shown.

Why one catalog: ``--lang en`` must switch *every* tool message, and a missing English
text must fall back to Indonesian, never to a blank or a key name.  Messages are plain
text (never Rich markup): they are printed as ``Text`` so answers containing ``[`` stay
literal.
"""

from __future__ import annotations

from ..criteria import QuestionInfo
from ..i18n import Lang
from ..model import MultipleChoiceQuestion, ScaleQuestion, SingleChoiceQuestion, YesNoQuestion
from ..parsing import DONT_KNOW
from ..phrases import PROFILE_LABELS, ui

_TEXTS: dict[str, tuple[str, str]] = {
    # start, resume
    "welcome": ("Wawancara · {title}", "Interview · {title}"),
    "commands": (
        "Perintah: < kembali · ? bantuan · lewati · tidak tahu · ringkasan · "
        "lompat N · simpan (simpan & keluar)",
        "Commands: < back · ? help · skip · don't know (tidak tahu) · review · "
        "goto N · save (save & quit)",
    ),
    "autosave": (
        "Setiap jawaban langsung disimpan ke draf di {path}",
        "Every answer is saved at once to a draft in {path}",
    ),
    "open_drafts": (
        "Ada {n} draf belum selesai; lanjutkan dengan: {command}",
        "{n} unfinished draft(s); continue one with: {command}",
    ),
    "drafts_title": ("Draf belum selesai:", "Unfinished drafts:"),
    "draft_line": (
        "{n}. {name} · {answered} jawaban · diubah {when} · {id}",
        "{n}. {name} · {answered} answers · changed {when} · {id}",
    ),
    "pick_draft": (
        "Nomor draf yang dilanjutkan [1]: ",
        "Number of the draft to continue [1]: ",
    ),
    "pick_invalid": ("Ketik nomor 1 sampai {n}.", "Type a number from 1 to {n}."),
    "resuming": ("Melanjutkan draf {id} · {name}", "Continuing draft {id} · {name}"),
    "unnamed": ("(tanpa nama)", "(no name)"),
    "no_drafts": (
        "tidak ada draf yang belum selesai di {path}",
        "there are no unfinished drafts in {path}",
    ),
    "no_drafts_hint": (
        "mulai wawancara baru dengan: ekspor assess",
        "start a new interview with: ekspor assess",
    ),
    "bad_drafts": (
        "Peringatan: {n} file draf tidak dapat dibaca dan dilewati: {files}",
        "Warning: {n} draft file(s) could not be read and were skipped: {files}",
    ),
    "criteria_changed": (
        "Kriteria sudah berubah sejak draf ini dimulai (versi {old} → {new}).",
        "The criteria have changed since this draft was started (version {old} → {new}).",
    ),
    "criteria_same_answers": (
        "Semua jawaban tetap berlaku.",
        "All answers still apply.",
    ),
    "criteria_reask": (
        "Ditanyakan ulang karena pertanyaannya berubah: {keys}",
        "Asked again because the question changed: {keys}",
    ),
    "criteria_removed": (
        "Jawaban dibuang karena pertanyaannya dihapus: {keys}",
        "Answers dropped because the question was removed: {keys}",
    ),
    "criteria_new": ("Pertanyaan baru: {keys}", "New questions: {keys}"),
    # prompts
    "profile_header": ("Profil usaha", "Business profile"),
    "profile_progress": ("Profil usaha · {n}/{m}", "Business profile · {n}/{m}"),
    "required": ("wajib", "required"),
    "optional": ("boleh kosong: Enter", "may be empty: press Enter"),
    "today_default": ("Enter = hari ini", "Enter = today"),
    "section": ("Bagian {n}/{m} · {name}", "Section {n}/{m} · {name}"),
    "progress": (
        "Bagian {s}/{sm} · Pertanyaan {n}/{m}",
        "Section {s}/{sm} · Question {n}/{m}",
    ),
    "yes_no": ("ya / tidak", "yes / no"),
    "pick_one": ("ketik nomor atau nama pilihan", "type the number or the name of a choice"),
    "pick_many": (
        "boleh lebih dari satu, pisahkan dengan koma (mis. 1,3)",
        "one or more, separated by commas (e.g. 1,3)",
    ),
    "number": ("angka", "a number"),
    "number_unit": ("angka, dalam {unit}", "a number, in {unit}"),
    "at_least": ("min. {n}", "at least {n}"),
    "at_most": ("maks. {n}", "at most {n}"),
    "whole": ("bilangan bulat", "whole number"),
    "scale": ("angka {lo} sampai {hi}", "a number from {lo} to {hi}"),
    "text": ("teks bebas, maks. {n} karakter", "free text, at most {n} characters"),
    "also_dont_know": ("tidak tahu", "don't know"),
    "also_skip": ("lewati", "skip"),
    "also_help": ("? bantuan", "? help"),
    "current": (
        "jawaban sekarang: {value} (Enter = tetap)",
        "current answer: {value} (Enter = keep)",
    ),
    "default": ("Enter = {value}", "Enter = {value}"),
    "prompt": ("> ", "> "),
    "evidence": (
        "Dokumennya sudah dilihat langsung? (ya/tidak, Enter = {default}) ",
        "Was the document actually seen? (yes/no, Enter = {default}) ",
    ),
    "confirm_number": (
        "'{raw}' dibaca sebagai {value}{words}. Benar? (Enter/ya = {value}, tidak = {alt}) ",
        "'{raw}' read as {value}{words}. Correct? (Enter/yes = {value}, no = {alt}) ",
    ),
    "computed": ("Dihitung: {label} = {value}", "Computed: {label} = {value}"),
    # errors and notices at a prompt
    "need_answer": (
        "Ketik jawaban{skip}. Bantuan: ?",
        "Type an answer{skip}. Help: ?",
    ),
    "need_answer_skip": (", atau 'lewati'", ", or 'skip'"),
    "cannot_skip": (
        "Pertanyaan ini wajib dijawab; tidak bisa dilewati.",
        "This question is required; it cannot be skipped.",
    ),
    "at_first": ("Ini pertanyaan pertama.", "This is the first question."),
    "jump_unknown": (
        "Tidak ada nomor '{ref}'. Lihat nomor di ringkasan (ketik: ringkasan).",
        "There is no number '{ref}'. See the numbers in the review (type: review).",
    ),
    "no_help": (
        "Tidak ada penjelasan tambahan untuk pertanyaan ini.",
        "No extra help for this question.",
    ),
    "not_here": ("Perintah itu tidak berlaku di sini.", "That command does not apply here."),
    # review
    "review_title": ("Ringkasan jawaban", "Review of answers"),
    "review_counts": (
        "{answered} dijawab · {dont_know} tidak tahu · {skipped} dilewati · {open} belum",
        "{answered} answered · {dont_know} don't know · {skipped} skipped · {open} open",
    ),
    "review_score": (
        "Skor sementara: {score} / 100 · {level}",
        "Provisional score: {score} / 100 · {level}",
    ),
    "review_prompt_end": (
        "Nomor untuk mengubah (mis. 7, P2) · Enter untuk selesai & lihat hasil: ",
        "Number to change (e.g. 7, P2) · Enter to finish & see the result: ",
    ),
    "review_prompt_mid": (
        "Nomor untuk mengubah (mis. 7, P2) · Enter untuk lanjut: ",
        "Number to change (e.g. 7, P2) · Enter to continue: ",
    ),
    "status_skipped": ("(dilewati)", "(skipped)"),
    "status_open": ("(belum dijawab)", "(not answered yet)"),
    # ending
    "saved_quit": (
        "Draf disimpan ({answers} jawaban). Lanjutkan nanti dengan: {command}",
        "Draft saved ({answers} answers). Continue later with: {command}",
    ),
    "interrupted": (
        "Dihentikan. {answers} jawaban sudah tersimpan di draf {id}. Lanjutkan dengan: {command}",
        "Stopped. {answers} answers are saved in draft {id}. Continue with: {command}",
    ),
    "interrupted_empty": (
        "Dihentikan. Belum ada jawaban baru; tidak ada yang hilang.",
        "Stopped. No new answers; nothing was lost.",
    ),
    "input_ended": (
        "masukan berakhir sebelum wawancara selesai; profil usaha dan {answers} jawaban "
        "tersimpan di draf {id}",
        "input ended before the interview finished; the business profile and {answers} "
        "answers are saved in draft {id}",
    ),
    "input_ended_hint": ("lanjutkan dengan: {command}", "resume with: {command}"),
    "input_ended_nothing": (
        "masukan berakhir sebelum ada jawaban; tidak ada yang disimpan",
        "input ended before any answer; nothing was saved",
    ),
    "no_input": (
        "tidak ada masukan: `ekspor assess` adalah wawancara interaktif",
        "no input: `ekspor assess` is an interactive interview",
    ),
    "no_input_hint": (
        "jalankan di terminal, atau nilai file jawaban dengan: ekspor score FILE",
        "run it in a terminal, or score an answers file with: ekspor score FILE",
    ),
    "save_failed": (
        "PERINGATAN: draf tidak dapat disimpan ({error}). Jawaban masih ada di memori; "
        "jangan tutup program.",
        "WARNING: the draft could not be saved ({error}). Answers are still in memory; "
        "do not close the program.",
    ),
    "not_saved": (
        "jawaban terakhir TIDAK tersimpan: draf tidak dapat ditulis ({error}); catat "
        "jawabannya, lalu ulangi dengan --data-dir di folder yang bisa ditulis",
        "the latest answers are NOT saved: the draft could not be written ({error}); note "
        "the answers down, then run again with --data-dir in a folder that can be written",
    ),
    "output_failed": ("Laporan tidak ditulis ke {path}", "Report not written to {path}"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in."""
    id_text, en_text = _TEXTS[key]
    return (en_text if lang == "en" else id_text).format(**values)


def profile_label(field_key: str, lang: Lang) -> str:
    return PROFILE_LABELS[field_key][lang]


# --- showing values ----------------------------------------------------------------------


def number_text(value: float, lang: Lang, *, group: bool = True) -> str:
    """``1500.0`` -> ``1.500`` (id) / ``1,500`` (en); decimals with the language's mark."""
    if value.is_integer():
        text = f"{int(value):,}" if group else str(int(value))
    else:
        text = f"{value:,.6f}".rstrip("0") if group else f"{value:.6f}".rstrip("0")
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def show_value(info: QuestionInfo | None, value: object, lang: Lang) -> str:
    """A canonical answer as the officer reads it: choice labels, ya/tidak, 1.500."""
    if value is None:
        return ""
    if value is DONT_KNOW:
        return ui("dont_know", lang)
    q = info.question if info is not None else None
    if isinstance(value, bool) and (isinstance(q, YesNoQuestion) or q is None):
        return ui("yes" if value else "no", lang)
    if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
        labels = {c.key: c.label.get(lang) for c in q.choices}
        keys = value if isinstance(value, tuple) else (value,)
        if not keys:
            return "-"
        return "; ".join(labels.get(str(k), str(k)) for k in keys)
    if isinstance(q, ScaleQuestion) and isinstance(value, int):
        label = q.labels.get(value)
        return f"{value} ({label.get(lang)})" if label else str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(float(value), lang)
    return str(value)


_ID_ONES = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)
_EN_ONES = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _id_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append("seratus" if hundreds == 1 else f"{_ID_ONES[hundreds]} ratus")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(f"{_ID_ONES[tens]} puluh")
        if ones:
            parts.append(_ID_ONES[ones])
    elif rest >= 12:
        parts.append(f"{_ID_ONES[rest - 10]} belas")
    elif rest == 11:
        parts.append("sebelas")
    elif rest == 10:
        parts.append("sepuluh")
    elif rest:
        parts.append(_ID_ONES[rest])
    return " ".join(parts)


def _en_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_EN_ONES[hundreds]} hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    elif rest:
        parts.append(_EN_ONES[rest])
    return " ".join(parts)


def number_words(value: float, lang: Lang) -> str:
    """Whole numbers below a million in words ("seribu lima ratus"); "" otherwise.

    Why: when ``1.500`` could mean 1500 or 1.5, the officer confirms a reading spelt out
    in words, which cannot be misread the way digits and separators can.
    """
    if not value.is_integer() or not 0 < value < 1_000_000:
        return ""
    n = int(value)
    thousands, rest = divmod(n, 1000)
    if lang == "en":
        parts = [f"{_en_below_1000(thousands)} thousand"] if thousands else []
        if rest:
            parts.append(_en_below_1000(rest))
        return " ".join(parts)
    parts = []
    if thousands == 1:
        parts.append("seribu")
    elif thousands:
        parts.append(f"{_id_below_1000(thousands)} ribu")
    if rest:
        parts.append(_id_below_1000(rest))
    return " ".join(parts)


def ago(stamp: str, now: str, lang: Lang) -> str:
    """``2 jam lalu`` / ``2 hours ago`` between two ISO timestamps (``stamp`` itself if
    unreadable); a stamp without an offset is local time, as for sorting drafts."""
    from .draft_store import aware_time

    try:
        seconds = (aware_time(now) - aware_time(stamp)).total_seconds()
    except (ValueError, OverflowError, OSError):
        return stamp
    minutes = max(0, int(seconds // 60))
    if minutes < 1:
        return "just now" if lang == "en" else "baru saja"
    if minutes < 60:
        amount, unit_id, unit_en = minutes, "menit", "minute"
    elif minutes < 48 * 60:
        amount, unit_id, unit_en = minutes // 60, "jam", "hour"
    else:
        amount, unit_id, unit_en = minutes // (24 * 60), "hari", "day"
    if lang == "en":
        return f"{amount} {unit_en}{'' if amount == 1 else 's'} ago"
    return f"{amount} {unit_id} lalu"
