#!/usr/bin/python3
"""A real SMTP server on loopback for the portal's mail tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py DIR [--starttls CERT KEY] [--fail-first N]
Prints "port PORT" on stdout once listening; writes each message as DIR/N.eml and its envelope
(MAIL FROM, RCPT TO) as DIR/N.envelope, the .eml renamed into place last so that a reader never
sees half a message. --fail-first N answers the first N DATA commands with 451 (a temporary
failure) to exercise the sender's retries. --starttls requires STARTTLS before MAIL.
"""
import asyncio
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder, fail_first):
        self.folder = folder
        self.fail_first = fail_first
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_first > 0:
            self.fail_first -= 1
            return "451 4.3.0 try again later (test)"
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        with open(base + ".envelope", "w", encoding="utf-8") as f:
            f.write("from " + envelope.mail_from + "\n")
            for rcpt in envelope.rcpt_tos:
                f.write("to " + rcpt + "\n")
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 OK"


async def main():
    args = sys.argv[1:]
    folder = args[0]
    tls = None
    fail_first = 0
    i = 1
    while i < len(args):
        if args[i] == "--starttls":
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.load_cert_chain(args[i + 1], args[i + 2])
            i += 3
        elif args[i] == "--fail-first":
            fail_first = int(args[i + 1])
            i += 2
        else:
            raise SystemExit("smtp_sink.py: unknown argument " + args[i])
    handler = Sink(folder, fail_first)
    loop = asyncio.get_running_loop()

    def factory():
        return SMTP(handler, tls_context=tls, require_starttls=tls is not None,
                    hostname="sink.test")

    server = await loop.create_server(factory, "127.0.0.1", 0)
    print("port", server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
