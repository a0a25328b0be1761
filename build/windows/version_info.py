"""Writes PyInstaller's Windows version resource (VSVersionInfo) for a version like 0.1.0.

Usage: version_info.py VERSION OUT.txt. Explorer shows these fields under Properties > Details.
"""

import sys
from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3F, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('240A04B0', [
      StringStruct('CompanyName', 'Mesa Desktop'),
      StringStruct('FileDescription', 'Mesa Desktop: mesa técnica de migración y salud'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'mesa-desktop'),
      StringStruct('LegalCopyright', 'Licencia MIT'),
      StringStruct('OriginalFilename', 'mesa-desktop.exe'),
      StringStruct('ProductName', 'Mesa Desktop'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x240A, 1200])])
  ]
)
"""


def main() -> None:
    version, out = sys.argv[1], Path(sys.argv[2])
    parts = [int(p) for p in version.split(".")[:4] if p.isdigit()]
    nums = tuple(parts + [0] * (4 - len(parts)))
    out.write_text(TEMPLATE.format(nums=nums, version=version), encoding="utf-8")


if __name__ == "__main__":
    main()
