package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

const (
	attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS of AttachConsole
	codePageUTF8        = 65001       // CP_UTF8
)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachConsole lets a command print in the console it was typed in.
// chiso.exe is a windowed (GUI-subsystem) program, so that a double-click
// opens no black window; such a program has no console, and Windows gives
// it none. Run with a sub-command from cmd.exe or PowerShell, it joins the
// console of the shell, writes there what is not redirected, and switches
// the console to UTF-8 (code page 65001) for the Vietnamese letters while
// it runs; done gives the console its code page back. Output redirected to
// a file or a pipe is left where it goes.
//
// cmd.exe and PowerShell do not wait for a windowed program: the prompt
// can come back before the output. chiso-cli.exe, beside chiso.exe, is the
// console program that runs it and waits (for scripts and exit codes).
func attachConsole() (done func()) {
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return func() {} // no console to join (started from Explorer), or one already
	}
	useConsole(&os.Stdout, windows.STD_OUTPUT_HANDLE, "CONOUT$")
	useConsole(&os.Stderr, windows.STD_ERROR_HANDLE, "CONOUT$")
	useConsole(&os.Stdin, windows.STD_INPUT_HANDLE, "CONIN$")
	cp, err := windows.GetConsoleOutputCP()
	if err != nil || windows.SetConsoleOutputCP(codePageUTF8) != nil {
		return func() {}
	}
	return func() { windows.SetConsoleOutputCP(cp) }
}

// useConsole points *f, and the process's standard handle std, at the
// console device name when the handle the program was given goes nowhere.
func useConsole(f **os.File, std uint32, name string) {
	if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
		if t, _ := windows.GetFileType(h); t != windows.FILE_TYPE_UNKNOWN {
			return // a file, a pipe or a console the shell handed over
		}
	}
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return
	}
	windows.SetStdHandle(std, h)
	*f = os.NewFile(uintptr(h), name)
}

// showFatal tells why the app could not start in a message box: a windowed
// program started from Explorer has nowhere else to say it.
func showFatal(err error) {
	text, _ := windows.UTF16PtrFromString(fmt.Sprintf("Chỉ Số không mở được / Chỉ Số could not start:\n\n%v", err))
	title, _ := windows.UTF16PtrFromString("Chỉ Số")
	windows.MessageBox(0, text, title, windows.MB_OK|windows.MB_ICONERROR)
}
