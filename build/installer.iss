; Inno Setup script: a per-user installer (no administrator rights needed on a
; secretariat laptop) for the one-folder build of build/mesa-desktop.spec.
; On Linux: build/windows/build.sh (ISCC under Wine, passes the /D defines below).
; On Windows: build\build.ps1, then iscc build\installer.iss
;
; The user's store lives in %LOCALAPPDATA%\MesaDesktop (platformdirs' user_data_path, see
; mesa_desktop/store/store.py), outside {app}: the uninstaller removes only the files it
; installed, so neither uninstalling nor upgrading ever touches the store. Keep it that way:
; no [UninstallDelete] or [InstallDelete] entry may name that folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BuildDir
  #define BuildDir "out\MesaDesktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
AppId={{6F1B8C2E-3F7A-4C1D-9B57-2E8E1A6C0D41}
AppName=Mesa Desktop
AppVersion={#AppVersion}
AppVerName=Mesa Desktop {#AppVersion}
AppPublisher=Mesa Desktop
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Mesa Desktop
VersionInfoDescription=Instalador de Mesa Desktop
; {autopf} does not expand under Wine; with lowest privileges this is the same per-user
; folder on real Windows.
DefaultDirName={localappdata}\Programs\MesaDesktop
DefaultGroupName=Mesa Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=MesaDesktop-Setup-{#AppVersion}
#ifdef SetupIcon
SetupIconFile={#SetupIcon}
#endif
UninstallDisplayIcon={app}\mesa-desktop.exe
UninstallDisplayName=Mesa Desktop
; ultra64: a 64 MB dictionary also spans the two executables' near-identical Python archives.
Compression=lzma2/ultra64
; The 32-bit ISCC runs out of memory with that dictionary: compress in islzma64.exe.
LZMAUseSeparateProcess=yes
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "Crear un acceso directo en el escritorio"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program folder's contents, so files a newer build no longer ships
; do not linger. Only {app}: the store is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Mesa Desktop"; Filename: "{app}\mesa-desktop.exe"
Name: "{group}\Desinstalar Mesa Desktop"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Mesa Desktop"; Filename: "{app}\mesa-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\mesa-desktop.exe"; Description: "Abrir Mesa Desktop"; Flags: nowait postinstall skipifsilent
