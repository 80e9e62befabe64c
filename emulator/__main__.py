"""Run the emulator in the foreground.

    python -m emulator [--host 127.0.0.1] [--port N] [--provisioning-delay SECONDS]

The port defaults to $EMULATOR_PORT, else 4577; the delay to
$EMULATOR_PROVISIONING_DELAY, else 0.
"""

from __future__ import annotations

import argparse
import os

from emulator import DEFAULT_HOST, DEFAULT_PORT


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"a delay must be >= 0, not {text}")
    return int(value) if value.is_integer() else value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m emulator", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to bind (default: %(default)s)")
    parser.add_argument(
        "--port",
        type=int,
        default=os.environ.get("EMULATOR_PORT") or str(DEFAULT_PORT),
        help=f"port to listen on (default: $EMULATOR_PORT, else {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--provisioning-delay",
        type=_seconds,
        # argparse converts a string default with `type`, reporting bad values nicely.
        default=os.environ.get("EMULATOR_PROVISIONING_DELAY") or "0",
        metavar="SECONDS",
        help="seconds slow resources stay in progress (default: $EMULATOR_PROVISIONING_DELAY, else 0)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    # Moto builds some URLs (SQS queue URLs, ...) pointing back at itself from this.
    os.environ.setdefault("MOTO_PORT", str(args.port))
    # No EC2 instance is ever launched here: moto's catalogue of public AMIs would only slow down every EC2
    # backend it creates (at each start and after each reset), by about half.
    os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
    # Imported after the environment is set: moto reads some settings at import.
    from emulator import delays, server

    delays.configure(default_seconds=args.provisioning_delay)
    server.serve(args.host, args.port)


if __name__ == "__main__":
    main()
