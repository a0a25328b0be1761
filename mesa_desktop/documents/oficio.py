"""The *oficio* with which the territory reports its focal point and mesa to the ministry
(guideline 2.6: within 20 business days). It also prints the installation's bundle-signing
key fingerprint, as text and as a QR code, so the ministry can confirm that the bundles it
receives for this territory are this entity's and not whoever wrote first.

The QR holds exactly the fingerprint text; it is drawn as vector squares (documents/qr.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mesa_desktop.documents import common
from mesa_desktop.documents.data import MesaInfo, Signatory
from mesa_desktop.documents.layout import plain
from mesa_desktop.documents.qr import qr_drawing
from mesa_desktop.documents.text import long_date

MINISTRY_NAME = "Ministerio de Salud y Protección Social"


@dataclass(frozen=True)
class OficioData:
    mesa: MesaInfo
    day: date
    focal_point_name: str
    focal_point_position: str
    focal_point_email: str
    focal_point_phone: str
    key_fingerprint: str  # "0495 69F1 …", as signing.SigningPublicKey.fingerprint
    key_id: str


def oficio_pdf(data: OficioData) -> bytes:
    mesa = data.mesa
    doc = common.new_document(
        mesa,
        title=f"Oficio al Ministerio – punto focal y mesa de {mesa.territory_name}",
        subject="Reporte del punto focal y de la mesa técnica territorial de migración y salud (lineamiento 2.6)",
        header_title="Oficio al Ministerio de Salud y Protección Social",
        right=(long_date(data.day),),
        footer=f"Oficio · punto focal y mesa · {mesa.territory_name}",
        keywords=["oficio", "punto focal", "huella de la llave"],
    )
    place = f"{mesa.city}, " if mesa.city else ""
    doc.text(f"{place}{long_date(data.day)}", "body")
    doc.spacer(4)
    doc.markup(f"Señores<br/><b>{MINISTRY_NAME}</b><br/>Bogotá, D. C.")
    doc.spacer(2)
    doc.markup(
        f"<b>Asunto:</b> Reporte del punto focal de migración y salud y de la "
        f"{plain(mesa.mesa_name)} (lineamiento 2.6)."
    )
    doc.text(
        "En cumplimiento del numeral 2.6 de los lineamientos para las mesas técnicas territoriales "
        "de migración y salud, que piden informar a ese Ministerio, en un tiempo no mayor a 20 días "
        f"hábiles, los puntos focales definidos y los mecanismos establecidos para el desarrollo de la "
        f"mesa, {mesa.entity_name} informa lo siguiente:"
    )
    doc.fields(
        [
            [("Mesa", mesa.mesa_name)],
            [("Territorio", f"{mesa.territory_name} (DIVIPOLA {mesa.divipola_code})")],
            [("Acto administrativo", mesa.acto_administrativo or "En trámite")],
            [("Punto focal", data.focal_point_name), ("Cargo", data.focal_point_position)],
            [("Correo", data.focal_point_email), ("Teléfono", data.focal_point_phone)],
        ],
        label_share=0.18,
    )
    doc.heading("Llave de firma de los paquetes de Mesa Desktop", 2)
    doc.text(
        "Los paquetes de sincronización que esta entidad envíe al Ministerio con Mesa Desktop van "
        "firmados con la llave de esta instalación. Solicitamos confirmar su huella antes de dar por "
        "verificados los paquetes del territorio; un paquete firmado con otra llave no proviene de "
        "esta entidad."
    )
    doc.markup(
        f'Huella: <font size="12"><b>{plain(data.key_fingerprint)}</b></font>'
        f"<br/>Identificador de la llave: {plain(data.key_id)}"
    )
    doc.drawing(qr_drawing(data.key_fingerprint, size_mm=30))
    doc.need(40)
    doc.text("Atentamente,", "body")
    doc.signature_blocks(
        [
            Signatory(
                data.focal_point_name or "Punto focal de migración y salud",
                "Punto focal de migración y salud",
                data.focal_point_position,
            )
        ]
    )
    return doc.build()


def write_oficio(data: OficioData, target: str | os.PathLike[str]) -> Path:
    return common.save(target, oficio_pdf(data))
