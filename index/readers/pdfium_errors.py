"""The fast PDF path's one error: PDFium may read this PDF differently from pdfminer."""


class Unsupported(Exception):
    """Something in the PDF that PDFium may read differently from pdfminer; the message
    says what, and the PDF is read through pdfminer instead."""
