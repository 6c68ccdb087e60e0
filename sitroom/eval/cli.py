"""`sitroom eval ...`: prints JSON metrics for claims and each component benchmark."""

from __future__ import annotations

import argparse
import json

from sitroom.config import load_settings


def run_eval(args: argparse.Namespace) -> int:
    if args.what == "claims":
        from sitroom.eval.claims_eval import run_claims_evals
        from sitroom.nlp.pipeline import Pipeline

        settings = load_settings(args.config, args.db)
        results = run_claims_evals(args.gold, args.texts, Pipeline(settings.nlp), args.details)
        if args.format == "text":
            from sitroom.eval.claims_report import format_report

            print(format_report(results))
            return 0
        result = results[args.gold[0]] if len(results) == 1 else results
    elif args.what == "picture":
        from sitroom.eval.picture_eval import run_picture_eval

        result = run_picture_eval(
            args.folder, config=args.config, details=args.details, api=args.api
        )
    elif args.what == "ask":
        from sitroom.eval.ask_eval import run_ask_eval

        result = run_ask_eval(args.file, db=args.db, config=args.config, details=args.details)
    elif args.what == "time":
        from sitroom.eval.time_bench import run_time_eval

        result = run_time_eval(args.file, baseline=args.baseline)
    elif args.what == "places":
        from sitroom.eval.geo_bench import run_geo_eval

        result = run_geo_eval(args.file, baseline=args.baseline)
    else:
        from sitroom.eval.quantity_bench import run_quantity_eval

        result = run_quantity_eval(args.file, baseline=args.baseline)
    print(json.dumps(result, indent=2, default=str))
    return 0
