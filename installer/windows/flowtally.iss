; Inno Setup script for Flowtally on Windows (Inno Setup 6).
; Run by installer/build.py after PyInstaller, which passes:
;   /DAppVersion=<pyproject version> /DBundleDir=<dist\flowtally> /DIconFile=<flowtally.ico>
; By hand: ISCC.exe /DAppVersion=0.1.0 /DBundleDir=..\dist\flowtally /DIconFile=..\build\icons\flowtally.ico flowtally.iss
; Installs per user by default (no administrator needed), like the data it keeps.

#ifndef AppVersion
  #error Pass /DAppVersion=... (installer/build.py does)
#endif

[Setup]
AppId={{7C3E1A52-5F0B-4E0B-9B8A-2D6F1C4E9A17}
AppName=Flowtally
AppVersion={#AppVersion}
AppVerName=Flowtally {#AppVersion}
AppPublisher=The Flowtally developers
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Flowtally
DefaultDirName={autopf}\Flowtally
DefaultGroupName=Flowtally
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=Flowtally-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\Flowtally.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The app holds its database open: close it (it saves on exit) before replacing files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "autostart"; Description: "Start Flowtally when I sign in"; GroupDescription: "Start:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Flowtally"; Filename: "{app}\Flowtally.exe"
Name: "{group}\Flowtally dashboard"; Filename: "{app}\Flowtally.exe"; Parameters: "dashboard"
Name: "{group}\{cm:UninstallProgram,Flowtally}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Flowtally"; Filename: "{app}\Flowtally.exe"; Tasks: desktopicon
Name: "{userstartup}\Flowtally"; Filename: "{app}\Flowtally.exe"; Tasks: autostart

[Registry]
; `flowtally-cli` on PATH for the commands (flowtally-cli interrupt, status, report ...).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\Flowtally.exe"; Description: "{cm:LaunchProgram,Flowtally}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Folder: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Folder) + ';', ';' + Uppercase(Current) + ';') = 0;
end;
