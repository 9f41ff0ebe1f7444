#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for tests: Debian's aiosmtpd, storing each message in a Maildir.

Usage: smtp_server.py --maildir DIR --port-file FILE [--tls DIR] [--auth USER]
                      [--temp-fail N] [--reject-rcpt ADDRESS]

  --port-file  written (atomically) with the port once the server accepts connections
  --tls        STARTTLS offered and required before MAIL (aiosmtpd answers 530 otherwise), with a
               self-signed certificate for 127.0.0.1 made by the openssl tool in DIR/cert.pem
               (the client trusts that file) and DIR/key.pem
  --auth       AUTH PLAIN/LOGIN required; the password is read from $SMTP_TEST_PASSWORD
  --temp-fail  the first N messages get "451 4.3.0 try again later" at the end of DATA
  --reject-rcpt  RCPT TO this address gets "550 5.1.1 no such user"

Runs until stdin reaches end of file (the test closes the pipe) or SIGTERM.
"""

import argparse
import mailbox
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, maildir, temp_fail, reject_rcpt):
        self.mailbox = mailbox.Maildir(maildir, create=True)
        self.temp_fail = temp_fail
        self.reject_rcpt = reject_rcpt
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.reject_rcpt:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.temp_fail > 0:
                self.temp_fail -= 1
                return "451 4.3.0 try again later"
            message = mailbox.MaildirMessage(envelope.original_content)
            message["X-Envelope-From"] = envelope.mail_from
            message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
            message["X-Authenticated"] = "yes" if session.authenticated else "no"
            self.mailbox.add(message)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--tls")
    parser.add_argument("--auth")
    parser.add_argument("--temp-fail", type=int, default=0)
    parser.add_argument("--reject-rcpt", default="")
    args = parser.parse_args()

    options = {}
    if args.tls:
        cert, key = os.path.join(args.tls, "cert.pem"), os.path.join(args.tls, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                       check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        password = os.environ.get("SMTP_TEST_PASSWORD", "")

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == args.auth
                  and auth_data.password.decode() == password)
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticate, auth_required=True,
                       auth_require_tls=bool(args.tls))
    handler = Handler(args.maildir, args.temp_fail, args.reject_rcpt)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    temporary = args.port_file + ".tmp"
    with open(temporary, "w") as f:
        f.write(str(controller.port))
    os.replace(temporary, args.port_file)

    signal.signal(signal.SIGTERM, lambda *_: sys.stdin.close())
    try:
        sys.stdin.read()
    except (ValueError, OSError):
        pass
    controller.stop()


if __name__ == "__main__":
    main()
