; Inno Setup script: a per-user installer (no administrator rights needed on a
; secretariat laptop) for the one-folder build in build\out\MesaDesktop.
; Build on Windows: build\build.ps1, then iscc build\installer.iss

#define AppVersion "0.1.0"

[Setup]
AppId={{6F1B8C2E-3F7A-4C1D-9B57-2E8E1A6C0D41}
AppName=Mesa Desktop
AppVersion={#AppVersion}
AppPublisher=Mesa Desktop
DefaultDirName={localappdata}\Programs\MesaDesktop
DefaultGroupName=Mesa Desktop
PrivilegesRequired=lowest
OutputDir=out
OutputBaseFilename=MesaDesktop-{#AppVersion}-instalador
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Files]
Source: "out\MesaDesktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Mesa Desktop"; Filename: "{app}\mesa-desktop.exe"
Name: "{userdesktop}\Mesa Desktop"; Filename: "{app}\mesa-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Crear un acceso directo en el escritorio"

[Run]
Filename: "{app}\mesa-desktop.exe"; Description: "Abrir Mesa Desktop"; Flags: nowait postinstall skipifsilent
