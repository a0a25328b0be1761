"""The ministry's consolidation: received bundles into one store, safely and idempotently.

For each file:

1. A file already imported (same SHA-256) changes nothing; its receipt, byte-identical, is
   written again only if it went missing. One already held for a key change stays held.
2. Decrypt, verify and validate (``reader``); any refusal copies the file to quarantine with
   its reason and writes nothing to the store.
3. The territory's signing key is pinned on its first bundle. A bundle signed with another
   key is held (``llave-pendiente``) until a person accepts the key (``accept_key``). A pinned
   key stays *unverified* until an analyst confirms its fingerprint from the territory's
   official letter (``confirm_key``): whoever writes first is never trusted for that alone.
4. In ONE transaction: pin the key, apply the snapshot if it is newer than the one held for
   the territory (delete rows it no longer has, then bulk-upsert by UUID, parents first),
   and log the bundle. An older snapshot is logged as ``superseded`` and its data ignored,
   so emails arriving late or out of order never roll the data back.
5. Write a signed receipt (``.acuse``) beside the bundle or in the receipts folder.

"Newer" compares, for the same mesa, the export sequence (then the creation time); for a
different mesa of the same territory (a reinstalled laptop), the creation time.

Thread affinity: the store's single database thread; long batches take a progress callback
and a cancel check.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from mesa_desktop.bundle import encryption, quarantine, reader, receipts, rows, signing
from mesa_desktop.bundle.datapackage import ROOT_TABLE, tables
from mesa_desktop.bundle.errors import BundleRejected, InvalidData
from mesa_desktop.bundle.manifest import BUNDLE_SUFFIX, Manifest, sha256_hex
from mesa_desktop.clock import local, to_utc, utcnow
from mesa_desktop.errors import Conflict, InvalidInput, NotFound, StoreError
from mesa_desktop.models import AppSetting, ExportRecord, ImportedBundle, Mesa, PendingKeyChange, TerritoryKey
from mesa_desktop.services.store_role import has_own_mesa
from mesa_desktop.store import Store
from mesa_desktop.store.backup import timestamped_name
from mesa_desktop.store.store import describe_operational_error

IMPORTED = "imported"
SUPERSEDED = "superseded"
DUPLICATE = "duplicate"
KEY_CHANGE_PENDING = "key_change_pending"
REJECTED = "rejected"

IMPORT_BACKUPS_KEPT = 3
_BACKUP_PREFIX = "antes-de-importar"

# SQLite settings for a batch import and the store's usual ones (see _batch_connection).
BATCH_PRAGMAS = ("synchronous=NORMAL", "cache_size=-65536", "wal_autocheckpoint=20000")
_DEFAULT_PRAGMAS = ("synchronous=FULL", "cache_size=-2000", "wal_autocheckpoint=1000")

# app_setting row per territory holding the public key whose fingerprint an analyst confirmed
# from the oficio; a later key change leaves it behind, so the new key is unverified again.
VERIFIED_KEY_SETTING_PREFIX = "bundle.verified_key."

KEY_CHANGE_ADVICE = (
    "Qué hacer: confirme con el punto focal (por teléfono o en persona, no por el mismo correo) "
    "que reinstaló la aplicación o cambió de equipo. Si es así, acepte la llave nueva con "
    "«mesa bundle accept-key {code} --identity LLAVE.key», que importa los paquetes retenidos. "
    "Si no lo reconoce, no la acepte: alguien más podría estar enviando paquetes a nombre del territorio."
)


@dataclass(frozen=True)
class ImportOutcome:
    file: str
    status: str
    message: str
    territory_code: str | None = None
    sequence: int | None = None
    reason: str | None = None
    rows: int = 0
    receipt: str | None = None
    held_at: str | None = None


@dataclass
class ImportSummary:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


Progress = Callable[[int, int, ImportOutcome], None]


@dataclass(frozen=True)
class LoggedBundle:
    """What the store recorded about an accepted bundle (plain values, no ORM object)."""

    territory_code: str
    mesa_id: uuid.UUID
    sequence: int
    file_name: str
    bundle_sha256: str
    bundle_created_at: datetime
    imported_at: datetime
    outcome: str
    row_count: int

    @classmethod
    def of(cls, row: ImportedBundle) -> LoggedBundle:
        return cls(
            row.territory_code,
            row.mesa_id,
            row.sequence,
            row.file_name,
            row.bundle_sha256,
            to_utc(row.bundle_created_at),
            to_utc(row.imported_at),
            row.outcome,
            row.row_count,
        )


@dataclass(frozen=True)
class _Staged:
    path: Path
    data: bytes
    sha: str
    outcome: ImportOutcome | None  # already settled: refused, known or held


@dataclass(frozen=True)
class _Prepared:
    opened: reader.OpenedBundle
    rows: reader.Rows


@dataclass(frozen=True)
class PinnedKey:
    public_key: str
    key_id: str


class Importer:
    """Imports bundles into a consolidation store with the ministry's keys."""

    def __init__(
        self,
        store: Store,
        *,
        identities: list[encryption.Identity],
        signing_key: signing.SigningSecretKey,
        quarantine_dir: Path | None = None,
        receipts_dir: Path | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.identities = identities
        self.signing_key = signing_key
        self.quarantine_dir = Path(quarantine_dir) if quarantine_dir else quarantine.default_folder(store)
        self.receipts_dir = Path(receipts_dir) if receipts_dir else None
        self._clock = clock or utcnow
        self._conn: Connection | None = None

    # -- batches ----------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        backup: bool = True,
    ) -> ImportSummary:
        files = bundle_files(paths)
        refuse_territorial_store(self.store)
        if backup:
            backup_before_import(self.store)
        summary = ImportSummary()
        started = time.perf_counter()
        with self._batch_connection():
            for index, path in enumerate(files, start=1):
                if cancelled is not None and cancelled():
                    summary.cancelled = True
                    break
                outcome = self.import_file(path)
                summary.outcomes.append(outcome)
                if progress is not None:
                    progress(index, len(files), outcome)
        summary.seconds = time.perf_counter() - started
        return summary

    @contextmanager
    def _batch_connection(self) -> Iterator[None]:
        """One connection for the whole batch, tuned on SQLite for many random-key inserts:
        a 64 MB page cache, WAL checkpoints every ~80 MB instead of every 4 MB, and commits
        that do not wait for the disk (``synchronous=NORMAL``; WAL keeps the file consistent).
        A power cut can lose only the last bundles of the batch, and importing them again
        restores them, since import is idempotent. The connection is reset afterwards."""
        with self.store.engine.connect() as conn:
            self._tune(conn, BATCH_PRAGMAS)
            self._conn = conn
            try:
                yield
            finally:
                self._conn = None
                if conn.in_transaction():
                    conn.rollback()
                self._tune(conn, _DEFAULT_PRAGMAS)
                if self.store.is_sqlite:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                    conn.commit()

    def _tune(self, conn: Connection, pragmas: tuple[str, ...]) -> None:
        if self.store.is_sqlite:
            for pragma in pragmas:
                conn.exec_driver_sql(f"PRAGMA {pragma}")
            conn.commit()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """A session in one transaction, on the batch connection when there is one."""
        if self._conn is None:
            with self.store.transaction() as db:
                yield db
            return
        db = Session(bind=self._conn, expire_on_commit=False)
        try:
            with db.begin():
                yield db
        except OperationalError as error:
            raise StoreError(describe_operational_error(error)) from error
        finally:
            db.close()

    # -- one bundle -------------------------------------------------------------------------

    def import_file(self, path: str | os.PathLike[str]) -> ImportOutcome:
        staged = self._stage(Path(path))
        return staged.outcome or self._finish(staged, self._prepare(staged))

    def _stage(self, path: Path) -> _Staged:
        """Read the file and settle what needs no decryption (a refusal, a known bundle)."""
        try:
            data = reader.read_file(path)
        except BundleRejected as rejection:
            return _Staged(path, b"", "", self._reject(path, rejection, _file_sha(path)))
        sha = sha256_hex(data)
        return _Staged(path, data, sha, self._already_known(path, sha))

    def _prepare(self, staged: _Staged) -> _Prepared | BundleRejected:
        """Decrypt, verify and parse (no store access)."""
        try:
            opened = reader.open_bundle(staged.data, self.identities)
            return _Prepared(opened, opened.read_rows())
        except BundleRejected as rejection:
            return rejection
        except (
            ValueError,
            TypeError,
            KeyError,
            AttributeError,
            OverflowError,
            RecursionError,
            MemoryError,
        ) as error:
            # Validation bounds every field first; this is the last guard so that one hostile
            # file can never stop a batch.
            return _unreadable(error)

    def _finish(self, staged: _Staged, prepared: _Prepared | BundleRejected) -> ImportOutcome:
        path, sha = staged.path, staged.sha
        if isinstance(prepared, BundleRejected):
            return self._reject(path, prepared, sha)
        opened = prepared.opened
        manifest = opened.manifest
        pinned = self._pinned_key(manifest.territory_code)
        if pinned is not None and pinned.public_key != opened.signer.base64:
            return self._hold_for_key_change(path, opened, pinned)
        try:
            outcome, logged = self._apply(path, opened, prepared.rows)
        except BundleRejected as rejection:
            return self._reject(path, rejection, sha)
        except (DataError, ValueError, TypeError, OverflowError) as error:
            # A value the store's driver refuses (nothing was committed: the transaction rolled back).
            return self._reject(path, _unreadable(error), sha)
        receipt = self._write_receipt(path, logged)
        return ImportOutcome(
            file=path.name,
            status=outcome,
            territory_code=manifest.territory_code,
            sequence=manifest.sequence,
            rows=logged.row_count if outcome == IMPORTED else 0,
            receipt=str(receipt),
            message=_accepted_message(outcome, manifest),
        )

    def _already_known(self, path: Path, sha: str) -> ImportOutcome | None:
        with self._transaction() as db:
            row = db.scalar(select(ImportedBundle).where(ImportedBundle.bundle_sha256 == sha))
            logged = LoggedBundle.of(row) if row is not None else None
            held = (
                None
                if logged
                else db.execute(
                    select(
                        PendingKeyChange.territory_code,
                        PendingKeyChange.sequence,
                        PendingKeyChange.held_path,
                        PendingKeyChange.key_id,
                    ).where(PendingKeyChange.bundle_sha256 == sha, PendingKeyChange.status == "pending")
                ).first()
            )
        if logged is not None:
            receipt = self._write_receipt(path, logged)
            return ImportOutcome(
                file=path.name,
                status=DUPLICATE,
                territory_code=logged.territory_code,
                sequence=logged.sequence,
                receipt=str(receipt),
                message=(
                    f"Ya importado el {local(logged.imported_at):%Y-%m-%d %H:%M}: "
                    "no cambió nada. Su acuse de recibo sigue disponible."
                ),
            )
        if held is not None:
            return ImportOutcome(
                file=path.name,
                status=KEY_CHANGE_PENDING,
                territory_code=held.territory_code,
                sequence=held.sequence,
                held_at=held.held_path,
                message=_key_change_message(held.territory_code, held.key_id),
            )
        return None

    def _pinned_key(self, territory_code: str) -> PinnedKey | None:
        with self._transaction() as db:
            row = db.execute(
                select(TerritoryKey.public_key, TerritoryKey.key_id).where(
                    TerritoryKey.territory_code == territory_code
                )
            ).first()
        return PinnedKey(*row) if row is not None else None

    # -- applying ----------------------------------------------------------------------------

    def _apply(
        self, path: Path, opened: reader.OpenedBundle, data_rows: reader.Rows
    ) -> tuple[str, LoggedBundle]:
        """One transaction; on a unique-constraint clash (rows renumbered between snapshots)
        it is retried once replacing the mesa's rows instead of merging them."""
        for replace in (False, True):
            try:
                with self._transaction() as db:
                    return self._apply_in(db, path, opened, data_rows, replace=replace)
            except IntegrityError:
                continue
        raise InvalidData(
            "El paquete está firmado e íntegro, pero sus identificadores chocan con datos de otra "
            "mesa del almacén de consolidación. No se importó; consulte con soporte técnico."
        )

    def _apply_in(
        self, db: Session, path: Path, opened: reader.OpenedBundle, data_rows: reader.Rows, *, replace: bool
    ) -> tuple[str, LoggedBundle]:
        manifest = opened.manifest
        now = self._clock()
        if (
            db.scalar(select(TerritoryKey.id).where(TerritoryKey.territory_code == manifest.territory_code))
            is None
        ):
            db.add(
                TerritoryKey(
                    territory_code=manifest.territory_code,
                    public_key=opened.signer.base64,
                    key_id=opened.signer.key_id,
                    pinned_at=now,
                )
            )
        newer = _is_newer(manifest, _current_bundle(db, manifest.territory_code))
        total = sum(len(table_rows) for table_rows in data_rows.values())
        if newer:
            conn = db.connection()
            _check_ownership(conn, manifest, data_rows)
            _write_snapshot(conn, manifest, data_rows, replace=replace)
        logged = ImportedBundle(
            bundle_sha256=opened.sha256,
            territory_code=manifest.territory_code,
            mesa_id=manifest.mesa_id,
            sequence=manifest.sequence,
            bundle_created_at=manifest.created_at,
            file_name=path.name[:255],
            signer_key=opened.signer.base64,
            app_version=manifest.app_version,
            schema_revision=manifest.schema_revision,
            imported_at=now,
            outcome="applied" if newer else SUPERSEDED,
            row_count=total,
        )
        db.add(logged)
        db.flush()
        return (IMPORTED if newer else SUPERSEDED), LoggedBundle.of(logged)

    # -- refusals, holds and receipts ----------------------------------------------------------

    def _reject(self, path: Path, rejection: BundleRejected, sha: str) -> ImportOutcome:
        held = quarantine.put_aside(
            path,
            self.quarantine_dir,
            reason=rejection.reason,
            message=rejection.message,
            sha256=sha,
            now=self._clock(),
        )
        return ImportOutcome(
            file=path.name,
            status=REJECTED,
            reason=rejection.reason,
            message=rejection.message,
            held_at=str(held.path),
        )

    def _hold_for_key_change(
        self, path: Path, opened: reader.OpenedBundle, pinned: PinnedKey
    ) -> ImportOutcome:
        manifest = opened.manifest
        message = _key_change_message(manifest.territory_code, opened.signer.key_id, pinned.key_id)
        held = quarantine.put_aside(
            path,
            self.quarantine_dir / quarantine.KEY_CHANGE_FOLDER,
            reason=KEY_CHANGE_PENDING,
            message=message,
            sha256=opened.sha256,
            now=self._clock(),
            advice=KEY_CHANGE_ADVICE.format(code=manifest.territory_code),
        )
        with self._transaction() as db:
            db.add(
                PendingKeyChange(
                    territory_code=manifest.territory_code,
                    public_key=opened.signer.base64,
                    key_id=opened.signer.key_id,
                    bundle_sha256=opened.sha256,
                    sequence=manifest.sequence,
                    bundle_created_at=manifest.created_at,
                    held_path=str(held.path),
                    received_at=self._clock(),
                    status="pending",
                )
            )
        return ImportOutcome(
            file=path.name,
            status=KEY_CHANGE_PENDING,
            territory_code=manifest.territory_code,
            sequence=manifest.sequence,
            message=message,
            held_at=str(held.path),
        )

    def _write_receipt(self, path: Path, logged: LoggedBundle) -> Path:
        folder = self.receipts_dir or path.parent
        folder.mkdir(parents=True, exist_ok=True)
        from mesa_desktop import territories

        receipt = receipts.ReceiptData(
            territory_code=logged.territory_code,
            territory_name=territories.get(logged.territory_code).full_name,
            mesa_id=logged.mesa_id,
            sequence=logged.sequence,
            bundle_file=logged.file_name,
            bundle_sha256=logged.bundle_sha256,
            bundle_created_at=logged.bundle_created_at,
            imported_at=logged.imported_at,
            verdict=IMPORTED if logged.outcome == "applied" else SUPERSEDED,
        )
        return receipts.write_receipt(folder, receipt, self.signing_key)


# --- snapshot writing -------------------------------------------------------------------------


def _write_snapshot(conn: Connection, manifest: Manifest, data_rows: reader.Rows, *, replace: bool) -> None:
    """Make the store hold exactly this snapshot of the mesa."""
    specs = tables()
    existing_mesa = conn.execute(select(Mesa.id).where(Mesa.id == manifest.mesa_id)).first() is not None
    if existing_mesa:
        for spec in reversed(specs):
            if spec.name == ROOT_TABLE:
                continue
            keep = set() if replace else {row["id"] for row in data_rows[spec.name]}
            gone = rows.owned_ids(conn, spec, manifest.mesa_id) - keep
            if gone:
                rows.delete_ids(conn, spec, gone)
    for spec in specs:
        table_rows = data_rows[spec.name]
        if spec.name == "acta":
            # A correction references the version it corrects: insert older versions first.
            table_rows = sorted(table_rows, key=lambda row: row["version"])
        rows.upsert(conn, spec, table_rows)


def _check_ownership(conn: Connection, manifest: Manifest, data_rows: reader.Rows) -> None:
    """No row of the bundle may already belong to another mesa (ids are UUIDs: only a
    crafted bundle would collide, and it must not graft data onto another territory)."""
    owned = {
        spec.name: [row["id"] for row in data_rows[spec.name]]
        for spec in tables()
        if spec.name == ROOT_TABLE or "mesa_id" in spec.field_names
    }
    clashes = rows.ids_owned_elsewhere(conn, manifest.mesa_id, owned)
    if clashes:
        raise InvalidData(
            f"El paquete está firmado, pero trae registros ({', '.join(clashes)}) que en el almacén "
            "pertenecen a otra mesa. No se importó; avise a soporte técnico."
        )
    clash = conn.execute(select(Mesa.territory_code).where(Mesa.id == manifest.mesa_id)).scalar()
    if clash is not None and clash != manifest.territory_code:
        raise InvalidData(
            f"El paquete dice ser de {manifest.territory_code}, pero su mesa está registrada para "
            f"{clash}. No se importó; avise a soporte técnico."
        )


def _current_bundle(db: Session, territory_code: str) -> ImportedBundle | None:
    return db.scalar(
        select(ImportedBundle)
        .where(ImportedBundle.territory_code == territory_code, ImportedBundle.outcome == "applied")
        .order_by(
            ImportedBundle.imported_at.desc(),
            ImportedBundle.bundle_created_at.desc(),
            ImportedBundle.sequence.desc(),
        )
        .limit(1)
    )


def _is_newer(manifest: Manifest, current: ImportedBundle | None) -> bool:
    if current is None:
        return True
    current_created = to_utc(current.bundle_created_at)
    if current.mesa_id == manifest.mesa_id:
        return (manifest.sequence, manifest.created_at) > (current.sequence, current_created)
    return manifest.created_at > current_created


# --- key changes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyDecision:
    territory_code: str
    key_id: str
    previous_key_id: str | None
    held_files: tuple[str, ...]


def accept_key(store: Store, territory_code: str, key_id: str | None = None) -> KeyDecision:
    """Pin the new key a territory's held bundles were signed with; returns those files."""
    with store.transaction() as db:
        pending = db.scalars(
            select(PendingKeyChange)
            .where(PendingKeyChange.territory_code == territory_code, PendingKeyChange.status == "pending")
            .order_by(PendingKeyChange.bundle_created_at)
        ).all()
        if not pending:
            raise NotFound(f"No hay cambios de llave pendientes para el territorio {territory_code}.")
        keys = {change.key_id: change.public_key for change in pending}
        if key_id is None and len(keys) > 1:
            raise InvalidInput(
                f"Hay paquetes de {territory_code} firmados con varias llaves nuevas "
                f"({', '.join(sorted(keys))}); indique cuál aceptar con --key."
            )
        chosen = key_id or next(iter(keys))
        if chosen not in keys:
            raise NotFound(f"Ningún paquete retenido de {territory_code} está firmado con la llave {chosen}.")
        now = utcnow()
        pinned = db.scalar(select(TerritoryKey).where(TerritoryKey.territory_code == territory_code))
        previous = pinned.key_id if pinned else None
        if pinned is None:
            db.add(
                TerritoryKey(
                    territory_code=territory_code, public_key=keys[chosen], key_id=chosen, pinned_at=now
                )
            )
        else:
            pinned.previous_public_key = pinned.public_key
            pinned.public_key, pinned.key_id, pinned.pinned_at = keys[chosen], chosen, now
        held = []
        for change in pending:
            if change.key_id == chosen:
                change.status, change.decided_at = "accepted", now
                held.append(change.held_path)
        return KeyDecision(territory_code, chosen, previous, tuple(held))


@dataclass(frozen=True)
class KeyStatus:
    territory_code: str
    key_id: str
    pinned_at: datetime
    pending_key_ids: tuple[str, ...]
    verified: bool = False
    fingerprint: str = ""


def key_statuses(store: Store) -> list[KeyStatus]:
    with store.reading() as db:
        pending: dict[str, set[str]] = {}
        for change in db.scalars(select(PendingKeyChange).where(PendingKeyChange.status == "pending")):
            pending.setdefault(change.territory_code, set()).add(change.key_id)
        verified = verified_keys(db)
        result = [
            KeyStatus(
                k.territory_code,
                k.key_id,
                to_utc(k.pinned_at),
                tuple(sorted(pending.pop(k.territory_code, ()))),
                verified.get(k.territory_code) == k.public_key,
                _fingerprint(k.public_key),
            )
            for k in db.scalars(select(TerritoryKey).order_by(TerritoryKey.territory_code))
        ]
    return result


def verified_keys(db: Session) -> dict[str, str]:
    """Territory code → the public key an analyst confirmed for it."""
    rows = db.scalars(select(AppSetting).where(AppSetting.key.startswith(VERIFIED_KEY_SETTING_PREFIX)))
    return {row.key[len(VERIFIED_KEY_SETTING_PREFIX) :]: row.value for row in rows}


@dataclass(frozen=True)
class KeyConfirmation:
    territory_code: str
    key_id: str
    fingerprint: str
    held_files: tuple[str, ...]  # bundles held under this key, now to import


def confirm_key(store: Store, territory_code: str, fingerprint: str) -> KeyConfirmation:
    """Mark a territory's key verified when ``fingerprint`` is the one its official letter
    prints. If it is the key of held bundles instead (someone else wrote first), that key is
    pinned in its place and the held bundles are returned for import."""
    code = territory_code.strip()
    wanted = signing.normalize_fingerprint(fingerprint)
    if not wanted:
        raise InvalidInput(
            "La huella debe tener 40 caracteres hexadecimales (10 grupos de 4), tal como aparece "
            "en el oficio del territorio."
        )
    with store.reading() as db:
        pinned = db.scalar(select(TerritoryKey).where(TerritoryKey.territory_code == code))
        pinned_key = pinned.public_key if pinned else None
        pending = {
            change.public_key: change.key_id
            for change in db.scalars(
                select(PendingKeyChange).where(
                    PendingKeyChange.territory_code == code, PendingKeyChange.status == "pending"
                )
            )
        }
    if pinned_key is None:
        raise NotFound(
            f"Aún no se ha recibido ningún paquete de {code}: la huella se confirma después de "
            "importar su primer paquete."
        )
    held: tuple[str, ...] = ()
    chosen: str | None
    if _fingerprint(pinned_key) == wanted:
        chosen = pinned_key
    else:
        chosen = next((key for key in pending if _fingerprint(key) == wanted), None)
        if chosen is None:
            raise Conflict(
                f"La huella no coincide con la llave de los paquetes recibidos de {code}; no se "
                "confirmó. Revise el oficio con el punto focal: los paquetes podrían no ser suyos."
            )
        held = accept_key(store, code, pending[chosen]).held_files
    with store.transaction() as db:
        name = VERIFIED_KEY_SETTING_PREFIX + code
        row = db.get(AppSetting, name)
        if row is None:
            db.add(AppSetting(key=name, value=chosen))
        else:
            row.value = chosen
    return KeyConfirmation(code, signing.SigningPublicKey(chosen).key_id, wanted, held)


def _fingerprint(public_key: str) -> str:
    try:
        return signing.SigningPublicKey(public_key).fingerprint
    except ValueError:
        return ""


# --- helpers ----------------------------------------------------------------------------------


def bundle_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named on the command line, and the ``.mesa`` files of folders named there."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == BUNDLE_SUFFIX)
        elif path.exists():
            found.append(path)
        else:
            raise InvalidInput(f"No existe {path}.")
    return found


def refuse_territorial_store(store: Store) -> None:
    """A focal point's store must never receive other territories' data."""
    with store.reading() as db:
        exported = db.scalar(select(ExportRecord.id).limit(1))
        own = has_own_mesa(db)
    if exported is not None or own:
        raise Conflict(
            "Este almacén es el de una mesa territorial: la consolidación del Ministerio usa un "
            "almacén propio. Indique otro con --db (un archivo nuevo o una URL de PostgreSQL)."
        )


def backup_before_import(store: Store) -> Path | None:
    """STYLE rule 7: a backup before anything risky (SQLite stores that hold data).

    A consolidation store is large and imports are daily, so only the newest few are kept."""
    if store.file is None or store.backups_dir is None or not store.file.exists():
        return None
    with store.reading() as db:
        if db.scalar(select(ImportedBundle.id).limit(1)) is None:
            return None
    made = store.backup_to(store.backups_dir / timestamped_name(_BACKUP_PREFIX))
    for old in sorted(store.backups_dir.glob(f"{_BACKUP_PREFIX}-*.sqlite"))[:-IMPORT_BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return made


def _accepted_message(outcome: str, manifest: Manifest) -> str:
    what = f"{manifest.territory_name}, exportación n.º {manifest.sequence}"
    if outcome == IMPORTED:
        return f"Importado: {what}."
    return f"Recibido sin cambios: ya se tenía un paquete más reciente de {what.split(',')[0]}."


def _key_change_message(code: str, new_key: str, old_key: str | None = None) -> str:
    was = f" (la registrada es {old_key})" if old_key else ""
    return (
        f"Retenido: el paquete de {code} está firmado con la llave {new_key}, distinta de la "
        f"registrada para ese territorio{was}. No se importará hasta que una persona acepte la "
        f"llave nueva con «mesa bundle accept-key {code}»."
    )


def _unreadable(error: BaseException) -> InvalidData:
    return InvalidData(
        f"El paquete está firmado, pero trae un valor que Mesa Desktop no puede leer "
        f"({type(error).__name__}). No se importó; pida a la entidad territorial que lo genere de "
        "nuevo con Mesa Desktop y avise a soporte técnico."
    )


def _file_sha(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
