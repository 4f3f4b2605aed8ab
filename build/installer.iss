; qdesk - the Windows installer (Inno Setup 6.3 or later).
;
;   python build\build.py            first the one-folder app: dist\qdesk\
;   iscc build\installer.iss         then the installer:        dist\qdesk-<version>-setup.exe
;   python build\build.py --installer   does both
;
; A per-user install that needs no administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\qdesk, its shortcuts to the user's Start menu.
;
; The clerk's data is never in the install folder. The database, its backups and the audit trail
; live in %LOCALAPPDATA%\qdesk\qdesk (qdesk/locations.py), the settings in HKCU\Software\qdesk.
; Setup and Uninstall remove only the files they installed themselves, plus what [InstallDelete]
; and [UninstallDelete] name below: the program's own _internal folder and matplotlib's font cache.
; An upgrade or an uninstall therefore leaves the database and everything the clerk saved alone.

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or later is needed (x64compatible, UTF-8 script)
#endif

#define Bundle AddBackslash(SourcePath) + "..\dist\qdesk"
#if !FileExists(Bundle + "\qdesk.exe") || !FileExists(Bundle + "\qdesk-cli.exe")
  #error dist\qdesk\ has no qdesk.exe and qdesk-cli.exe: run python build\build.py on Windows first
#endif
; build.py passes /DAppVersion=...; otherwise it is read from the program's version resource.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(Bundle + "\qdesk.exe", "ProductVersion")
#endif

; The Chinese messages ship with Inno Setup from 6.5. For an older compiler (npm's innosetup is
; 6.4.1) the project carries the 6.4 translation beside this script: build/ChineseSimplified.isl,
; with its licence in build/ChineseSimplified.LICENSE.txt.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages "ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: this installer speaks English only"
#endif

[Setup]
; The AppId ties upgrades and the uninstaller to this program: never change it.
AppId={{355707E6-F9C5-41F9-96FF-17BFA4AE3F01}
AppName=qdesk
AppVersion={#AppVersion}
AppVerName=qdesk {#AppVersion}
AppPublisher=qdesk developers
VersionInfoVersion={#GetVersionNumbersString(Bundle + "\qdesk.exe")}
VersionInfoDescription=qdesk Setup
PrivilegesRequired=lowest
; {userpf} is %LOCALAPPDATA%\Programs. An upgrade goes where the first install went. The installer
; test (tests/test_installer.py) passes /DProgramsFolder={localappdata}\Programs, the same folder,
; since Wine 8.0, where the Windows leg runs it, cannot expand {userpf}.
#ifndef ProgramsFolder
  #define ProgramsFolder "{userpf}"
#endif
DefaultDirName={#ProgramsFolder}\qdesk
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or later.
MinVersion=10.0.17763
SetupIconFile=..\resources\icons\qdesk.ico
UninstallDisplayIcon={app}\qdesk.exe
OutputDir=..\dist
OutputBaseFilename=qdesk-{#AppVersion}-setup
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=auto
; A running qdesk is asked to close (it saves and releases its database) before files are replaced.
CloseApplications=yes
RestartApplications=no
; [Registry] associates .qdesk and .qdpkg: Explorer is told to take them up at once, and again
; when the uninstaller removes them.
ChangesAssociations=yes

[Languages]
#ifdef ChineseMessages
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.WorkbenchName=qdesk
english.CommandLineName=qdesk command line
english.DatabaseType=qdesk database
english.PackageType=qdesk submission package
english.ImportVerb=Import into qdesk
#ifdef ChineseMessages
chinesesimplified.WorkbenchName=qdesk 质量工作台
chinesesimplified.CommandLineName=qdesk 命令行
chinesesimplified.DatabaseType=qdesk 数据库
chinesesimplified.PackageType=qdesk 报送包
chinesesimplified.ImportVerb=导入到 qdesk
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program whole, so no library of the older version lingers beside the new.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\qdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:WorkbenchName}"; Filename: "{app}\qdesk.exe"
; A console in the install folder, where `qdesk-cli --help` lists the headless subcommands.
Name: "{autoprograms}\{cm:CommandLineName}"; Filename: "{cmd}"; Parameters: "/k qdesk-cli.exe --help"; WorkingDir: "{app}"; IconFilename: "{app}\qdesk-cli.exe"
Name: "{autodesktop}\{cm:WorkbenchName}"; Filename: "{app}\qdesk.exe"; Tasks: desktopicon

[Registry]
; Double-clicking a database opens it in the workbench; double-clicking a submission package opens
; the workbench on the default database and starts 报表's import of it (qdesk/cli.py: `qdesk FILE`,
; `qdesk --import FILE`). HKA is HKCU in this per-user install, so this is HKCU\Software\Classes
; and asks for no administrator. Both extensions and both ProgIDs are qdesk's own: the uninstaller
; deletes their keys whole (uninsdeletekey); qdesk's OpenWithProgids entry goes by itself too
; (uninsdeletevalue), as Inno Setup's own wizard writes it.
Root: HKA; Subkey: "Software\Classes\.qdesk"; ValueType: string; ValueName: ""; ValueData: "qdesk.Database"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.qdesk\OpenWithProgids"; ValueType: string; ValueName: "qdesk.Database"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\qdesk.Database"; ValueType: string; ValueName: ""; ValueData: "{cm:DatabaseType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\qdesk.Database\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\qdesk.exe,0"
Root: HKA; Subkey: "Software\Classes\qdesk.Database\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\qdesk.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.qdpkg"; ValueType: string; ValueName: ""; ValueData: "qdesk.Package"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\.qdpkg\OpenWithProgids"; ValueType: string; ValueName: "qdesk.Package"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\qdesk.Package"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\qdesk.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\qdesk.exe,0"
; The open verb of a package imports it; Explorer's menu names it so.
Root: HKA; Subkey: "Software\Classes\qdesk.Package\shell\open"; ValueType: string; ValueName: ""; ValueData: "{cm:ImportVerb}"
Root: HKA; Subkey: "Software\Classes\qdesk.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\qdesk.exe"" --import ""%1"""

[Run]
Filename: "{app}\qdesk.exe"; Description: "{cm:LaunchProgram,qdesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only matplotlib's font cache, which qdesk made (qdesk/frozen.py) and rebuilds when it is missing.
; Not the database folder above it, nor anything else.
Type: filesandordirs; Name: "{localappdata}\qdesk\qdesk\cache\matplotlib"
Type: dirifempty; Name: "{localappdata}\qdesk\qdesk\cache"
