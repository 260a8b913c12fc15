#!/usr/bin/env python3
"""A real SMTP server for KneeRehab's mail tests (PyPI aiosmtpd), on loopback only.

It prints `PORT <n>` on a line of its own once it listens, then stores every message it accepts as
`<DIR>/<n>.json`: the envelope, the raw bytes (base64) and what Python's `email` package parses out of them
(subject, from, to, body, headers), so a test compares what it sent with what a real mail parser reads.

Options turn on STARTTLS (--tls-cert/--tls-key; with --implicit-tls, TLS from the first byte instead), required
AUTH (--user/--password, --only-login to offer only AUTH LOGIN), answer 451 to the first N messages
(--fail-first N), 550 to one recipient (--reject-recipient), or refuse EHLO so the client must fall back to HELO
(--no-ehlo).

It stops on SIGTERM or when its standard input closes.

Usage: smtp_sink.py DIR [--port 0] [--tls-cert C --tls-key K] [--user U --password P] [--only-login]
                        [--implicit-tls] [--fail-first N] [--reject-recipient ADDRESS] [--no-ehlo]
"""

import argparse
import asyncio
import base64
import email
import email.policy
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    """The message handler: refuses or stores, and numbers what it stores."""

    def __init__(self, directory, fail_first, reject_recipient):
        self.directory = directory
        self.fail_first = fail_first
        self.reject_recipient = reject_recipient
        self.count = 0
        self.failed = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_recipient and address.lower() == self.reject_recipient.lower():
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.failed < self.fail_first:
            self.failed += 1
            return "451 4.3.0 Try again later"
        self.count += 1
        raw = envelope.original_content
        record = describe(raw)
        record.update(
            number=self.count,
            mail_from=envelope.mail_from,
            rcpt_tos=envelope.rcpt_tos,
            tls=server.transport.get_extra_info("ssl_object") is not None,
            authenticated=bool(session.authenticated),
        )
        path = os.path.join(self.directory, f"{self.count}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False, indent=1)
        os.replace(path + ".tmp", path)
        return f"250 2.0.0 Ok: queued as SINK{self.count}"


def describe(raw):
    """What a real mail parser reads out of the received bytes."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    lines = raw.split(b"\r\n")
    body = message.get_body(preferencelist=("plain",))
    return {
        "raw_base64": base64.b64encode(raw).decode("ascii"),
        "longest_line": max(len(line) for line in lines),
        "bare_line_feeds": raw.replace(b"\r\n", b"").count(b"\n"),
        "seven_bit": all(byte < 128 for byte in raw),
        "defects": [type(defect).__name__ for defect in message.defects],
        "subject": str(message["subject"]),
        "from": str(message["from"]),
        "from_display_name": message["from"].addresses[0].display_name,
        "from_address": message["from"].addresses[0].addr_spec,
        "to": [address.addr_spec for address in message["to"].addresses],
        "date": str(message["date"]),
        "message_id": str(message["message-id"]),
        "content_type": message.get_content_type(),
        "charset": message.get_content_charset(),
        "transfer_encoding": str(message["content-transfer-encoding"]),
        "list_unsubscribe": message["list-unsubscribe"] and str(message["list-unsubscribe"]),
        "list_unsubscribe_post": message["list-unsubscribe-post"] and str(message["list-unsubscribe-post"]),
        # Line ends as LF, so a test compares with the text it sent.
        "body": body.get_content().replace("\r\n", "\n") if body is not None else None,
        "header_names": list(message.keys()),
    }


class SinkSMTP(SMTP):
    """aiosmtpd's server, optionally refusing EHLO as an old server would."""

    no_ehlo = False

    async def smtp_EHLO(self, hostname):
        if self.no_ehlo:
            await self.push("502 5.5.1 EHLO not implemented")
            return
        await super().smtp_EHLO(hostname)


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False)

    return authenticate


async def serve(options):
    handler = Sink(options.directory, options.fail_first, options.reject_recipient)
    tls_context = None
    if options.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(options.tls_cert, options.tls_key)
    SinkSMTP.no_ehlo = options.no_ehlo
    starttls = tls_context if not options.implicit_tls else None
    kwargs = dict(hostname="sink.test", tls_context=starttls, require_starttls=starttls is not None)
    if options.user is not None:
        kwargs.update(
            auth_required=True,
            # aiosmtpd counts only STARTTLS as TLS here; with implicit TLS the whole connection is encrypted.
            auth_require_tls=starttls is not None,
            authenticator=authenticator_for(options.user, options.password or ""),
            auth_exclude_mechanism=["PLAIN"] if options.only_login else None,
        )
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SinkSMTP(handler, **kwargs),
        host="127.0.0.1",
        port=options.port,
        ssl=tls_context if options.implicit_tls else None,
    )
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    # Stop when the test that started us goes away (our stdin closes), even if it could not send a signal.
    loop.add_reader(sys.stdin.fileno(), lambda: os.read(sys.stdin.fileno(), 4096) or stop.set())
    async with server:
        await stop.wait()


def main():
    # A parent may have blocked signals in the thread that started us; the mask is inherited, so unblock.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--only-login", action="store_true")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--reject-recipient")
    parser.add_argument("--no-ehlo", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    options = parser.parse_args()
    if bool(options.tls_cert) != bool(options.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if options.implicit_tls and not options.tls_cert:
        parser.error("--implicit-tls needs --tls-cert and --tls-key")
    os.makedirs(options.directory, exist_ok=True)
    try:
        asyncio.run(serve(options))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
