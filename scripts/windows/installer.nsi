; Installer of Chỉ Số for Windows 10 and 11 (NSIS 3, built by scripts/release.sh).
;
; Per user, without administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\ChiSo, shortcuts to the user's Start menu and
; desktop, file types and the "Apps & features" entry under HKCU. The data
; (%LOCALAPPDATA%\chiso, preferences in %APPDATA%\fyne\vn.chiso.app) are the
; user's: the uninstaller keeps them unless asked to delete them.
;
;   chiso-<version>-setup.exe                    asks, in Vietnamese
;   chiso-<version>-setup.exe /S                 silent install (province IT officers)
;   chiso-<version>-setup.exe /S /D=C:\ChiSo     silent, into another folder (/D last, no quotes)
;   uninstall.exe /S                             silent uninstall, keeps the data
;   uninstall.exe /S /DELETEDATA                 silent uninstall, deletes the data too
;
; makensis -DVERSION=0.1.0 -DWINVERSION=0.1.0.1 -DDIST=<folder with chiso.exe,
;          chiso-cli.exe and chiso.ico> -DOUTFILE=<installer path> installer.nsi

Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel user

!ifndef VERSION | WINVERSION | DIST | OUTFILE
  !error "define VERSION, WINVERSION, DIST and OUTFILE (see the top of this file)"
!endif

!define APPNAME "Chỉ Số"
!define APPID "vn.chiso.app"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ChiSo"
!define PKGEXT ".chisopkg"
!define PKGCLASS "ChiSo.Package"
!define OFFICEEXT ".chiso-office"
!define OFFICECLASS "ChiSo.Office"

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\ChiSo"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${WINVERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${WINVERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APPNAME} ${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${APPNAME}"

!define MUI_ICON "${DIST}/chiso.ico"
!define MUI_UNICON "${DIST}/chiso.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\chiso.exe"
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Vietnamese, as the app: on an English Windows too.
!insertmacro MUI_LANGUAGE "Vietnamese"


Section "!Chương trình Chỉ Số" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${DIST}/chiso.exe"
  File "${DIST}/chiso-cli.exe"
  ; a portable copy's marker must not follow into an install
  Delete "$INSTDIR\portable"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\chiso.exe" "" "$INSTDIR\chiso.exe" 0 SW_SHOWNORMAL "" "${APPNAME}"
  CreateShortCut "$SMPROGRAMS\Gỡ cài đặt Chỉ Số.lnk" "$INSTDIR\uninstall.exe"

  ; double-click on a sync package or an office file opens it in the app
  WriteRegStr HKCU "Software\Classes\${PKGEXT}" "" "${PKGCLASS}"
  WriteRegStr HKCU "Software\Classes\${PKGEXT}\OpenWithProgids" "${PKGCLASS}" ""
  WriteRegStr HKCU "Software\Classes\${PKGCLASS}" "" "Gói đồng bộ Chỉ Số"
  WriteRegStr HKCU "Software\Classes\${PKGCLASS}\DefaultIcon" "" "$INSTDIR\chiso.exe,0"
  WriteRegStr HKCU "Software\Classes\${PKGCLASS}\shell\open\command" "" '"$INSTDIR\chiso.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\${OFFICEEXT}" "" "${OFFICECLASS}"
  WriteRegStr HKCU "Software\Classes\${OFFICEEXT}\OpenWithProgids" "${OFFICECLASS}" ""
  WriteRegStr HKCU "Software\Classes\${OFFICECLASS}" "" "Tệp đơn vị Chỉ Số"
  WriteRegStr HKCU "Software\Classes\${OFFICECLASS}\DefaultIcon" "" "$INSTDIR\chiso.exe,0"
  WriteRegStr HKCU "Software\Classes\${OFFICECLASS}\shell\open\command" "" '"$INSTDIR\chiso.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED

  ; "Apps & features"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\chiso.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "Lối tắt trên màn hình nền" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\chiso.exe" "" "$INSTDIR\chiso.exe" 0 SW_SHOWNORMAL "" "${APPNAME}"
SectionEnd

; ---- uninstaller ----

Section "!un.Chương trình Chỉ Số" UnMain
  SectionIn RO
  SetShellVarContext current
  Delete "$INSTDIR\chiso.exe"
  Delete "$INSTDIR\chiso-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only when empty: files the user put there stay
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\Gỡ cài đặt Chỉ Số.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  ; the file types, where they are still ours
  ReadRegStr $0 HKCU "Software\Classes\${PKGEXT}" ""
  ${If} $0 == "${PKGCLASS}"
    DeleteRegKey HKCU "Software\Classes\${PKGEXT}"
  ${Else}
    DeleteRegValue HKCU "Software\Classes\${PKGEXT}\OpenWithProgids" "${PKGCLASS}"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PKGCLASS}"
  ReadRegStr $0 HKCU "Software\Classes\${OFFICEEXT}" ""
  ${If} $0 == "${OFFICECLASS}"
    DeleteRegKey HKCU "Software\Classes\${OFFICEEXT}"
  ${Else}
    DeleteRegValue HKCU "Software\Classes\${OFFICEEXT}\OpenWithProgids" "${OFFICECLASS}"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${OFFICECLASS}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

; Off unless ticked, or /DELETEDATA on the command line.
Section /o "un.Xóa cả dữ liệu (CSDL, bản sao lưu, thiết lập) — không thể hoàn tác" UnData
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\chiso"
  RMDir /r "$APPDATA\fyne\${APPID}"
  RMDir "$APPDATA\fyne"
SectionEnd

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
