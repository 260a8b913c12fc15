import RehabTesting
import Testing

extension SMTPSink {
    /// Why the tests against the server are skipped.
    static let skipped: Comment = """
        SMTP server tests SKIPPED: set KNEEREHAB_TEST_INTEROP_PYTHON to a Python with PyPI aiosmtpd \
        (tools/mail/requirements.txt)
        """
}
