"""The SQL both backends share: ``reader.py`` (every read), ``writer.py`` (every write) and
``linking.py`` (cross-article actors and events inside a write), written once with the
fragments that differ in ``dialect.py``."""

from dragoman.frames import FramesMixin
from dragoman.store.sql.reader import Reader
from dragoman.store.sql.writer import Writer


class SQLStore(Writer, Reader, FramesMixin):
    """A store's reads and writes; a backend adds its connections, transactions and
    migrations (store/sqlite/, store/postgres/)."""


__all__ = ["SQLStore"]
