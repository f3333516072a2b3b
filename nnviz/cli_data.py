"""The training data for `nnviz train`: load it, fetch the course's photos for `--dataset course`,
and say plainly on stderr (and in --report) which files were skipped and why, and when every
label is the same. Messages on stderr start with "nnviz: "; stdout keeps the course's log.
"""

from __future__ import annotations

import argparse
import sys

COURSE = "course"


def course_train_file() -> str:
    """The cached course train file, downloaded first when needed (progress on stderr)."""
    from nnviz.cli_term import download_bar
    from nnviz.data.download import cached_course, course_folder, fetch_course

    cached = cached_course()
    if cached is not None:
        return str(cached)
    print(f"nnviz: downloading the course's cat photos into {course_folder()}", file=sys.stderr)
    return str(fetch_course(progress=download_bar()))


def load_training_data(args: argparse.Namespace):
    """The Dataset for `nnviz train` (args.dataset, args.test, args.positive), after telling
    stderr about skipped files and a single class. Raises DataError."""
    from nnviz.data import load_dataset
    from nnviz.data.notices import dataset_warning, skipped_lines

    spec = args.dataset
    if spec.strip().lower() == COURSE:
        spec = course_train_file()
    ds = load_dataset(spec, test=args.test, positive=args.positive)
    for line in skipped_lines(ds.skipped):
        print(f"nnviz: {line}", file=sys.stderr)
    warning = dataset_warning(ds)
    if warning is not None:
        print(f"nnviz: warning: {warning}", file=sys.stderr)
    return ds


def report_entries(ds) -> dict:
    """The --report's "skipped" (path and reason per file) and "warnings" entries."""
    from nnviz.data.notices import dataset_warning, skipped_report

    warning = dataset_warning(ds)
    return {"skipped": skipped_report(ds.skipped), "warnings": [warning] if warning else []}
