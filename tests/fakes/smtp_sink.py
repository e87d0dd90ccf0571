#!/usr/bin/python3
# A test SMTP server (aiosmtpd 1.4): stores every message it accepts as one file in a Maildir, exactly as received,
# with the envelope in X-MailFrom / X-RcptTo headers. Single-threaded asyncio; one test owns one instance.
#
#   smtp_sink.py PORT MAILDIR [--tls CERT KEY] [--reject-rcpt CODE] [--delay-data SECONDS [--delay-count N]]
#                [--mute]
#
# PORT 0 picks a free port; the bound port is printed alone on the first stdout line. --tls offers STARTTLS with
# that certificate (not required); --reject-rcpt 450 (or 550, ...) refuses every RCPT TO with that code.
# --delay-data stores the message, then waits that long before its 250 to the end of DATA, as a slow server whose
# final reply may take minutes (RFC 5321 4.5.3.2.6) does; --delay-count delays only the first N messages.
# --mute accepts connections and never says a word (not even the greeting): a server that hangs.
# Stored messages also carry X-Peer and X-TLS ("yes" when the message came over STARTTLS). SIGTERM stops it cleanly.
import argparse
import asyncio
import itertools
import os
import signal
import socket
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP


class MaildirSink:
    """Writes raw messages into MAILDIR/tmp, then renames them into MAILDIR/new (the Maildir delivery protocol)."""

    def __init__(self, maildir, reject_code, delay_data=0.0, delay_count=None):
        self.maildir = maildir
        self.reject_code = reject_code
        self.delay_data = delay_data
        self.delays_left = delay_count
        self.counter = itertools.count()
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_code:
            text = "mailbox busy" if self.reject_code.startswith("4") else "no such mailbox"
            return f"{self.reject_code} {self.reject_code[0]}.2.0 {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # Envelope values come from the client: keep CR/LF out of the headers written here.
        def clean(value):
            return str(value).replace("\r", " ").replace("\n", " ")

        head = (
            f"X-Peer: {clean(session.peer[0])}\r\n"
            f"X-MailFrom: {clean(envelope.mail_from)}\r\n"
            f"X-RcptTo: {clean(', '.join(envelope.rcpt_tos))}\r\n"
            f"X-TLS: {'yes' if session.ssl is not None else 'no'}\r\n"
        ).encode("ascii", "replace")
        content = envelope.original_content or b""
        name = f"{time.time_ns()}.P{os.getpid()}Q{next(self.counter)}.smtp-sink"
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(head + content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        if self.delay_data > 0 and (self.delays_left is None or self.delays_left > 0):
            if self.delays_left is not None:
                self.delays_left -= 1
            print(f"stored {name}; answering in {self.delay_data} s", file=sys.stderr, flush=True)
            await asyncio.sleep(self.delay_data)
        return "250 OK stored"


def main():
    parser = argparse.ArgumentParser(description="test SMTP server writing to a Maildir")
    parser.add_argument("port", type=int)
    parser.add_argument("maildir")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--reject-rcpt", metavar="CODE")
    parser.add_argument("--delay-data", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--delay-count", type=int, metavar="N")
    parser.add_argument("--mute", action="store_true")
    args = parser.parse_args()
    if args.reject_rcpt and not (len(args.reject_rcpt) == 3 and args.reject_rcpt.isdigit()):
        parser.error("--reject-rcpt needs a three-digit SMTP code")
    if args.delay_data < 0 or (args.delay_count is not None and args.delay_count < 0):
        parser.error("--delay-data and --delay-count cannot be negative")

    tls_context = None
    if args.tls:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls[0], args.tls[1])

    handler = MaildirSink(args.maildir, args.reject_rcpt, args.delay_data, args.delay_count)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        if args.mute:
            return asyncio.Protocol()  # holds the connection open and never answers
        # A fixed hostname: without one aiosmtpd calls socket.getfqdn(), which can wait on DNS.
        return SMTP(handler, hostname="smtp-sink.test", tls_context=tls_context, require_starttls=False, loop=loop)

    # asyncio sets SO_REUSEADDR on Unix, so a restarted sink can bind the port its predecessor used.
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", args.port, family=socket.AF_INET))
    print(server.sockets[0].getsockname()[1], flush=True)

    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    try:
        loop.run_until_complete(stop)
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
