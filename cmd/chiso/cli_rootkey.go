package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"chiso/data/msg"
	"chiso/data/replica"
	"chiso/data/rootkey"
)

const rootkeyUsage = `
Khóa gốc của tỉnh / the province root key (in its own file, encrypted with a passphrase):
  chiso rootkey export  [--db F] -o FILE       (tỉnh) chép tệp khóa gốc ra để cất giữ (USB trong tủ khóa)
  chiso rootkey restore [--db F] FILE          (tỉnh, máy mới) khôi phục tệp khóa gốc đã chép ra
  chiso rootkey protect [--db F]               chuyển khóa gốc còn nằm trong CSDL (phiên bản cũ) ra tệp có mật khẩu
  Mật khẩu khóa gốc / passphrase: --passphrase-file FILE, or $CHISO_ROOT_PASSPHRASE, or asked on the terminal;
  the key file is kept in $CHISO_KEY_DIR, default the "chiso/keys" folder of the user's configuration folder.
`

// envPassphrase names the environment variable a script sets the root
// key's passphrase in.
const envPassphrase = "CHISO_ROOT_PASSPHRASE"

// passphraseFlag adds --passphrase-file to the command being parsed.
func (c *cli) passphraseFlag() *string {
	return c.fs.String("passphrase-file", "", "file whose first line is the root key's passphrase (else $"+envPassphrase+", else asked)")
}

// passphrase returns the root key's passphrase: the first line of file,
// else $CHISO_ROOT_PASSPHRASE, else typed on the terminal (twice when it
// is a new one). Without a terminal it says how to give it.
func (c *cli) passphrase(file string, isNew bool) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", msg.Wrap(err, "không đọc được tệp mật khẩu "+file, "cannot read the passphrase file "+file)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimSuffix(line, "\r"), nil
	}
	if p, ok := os.LookupEnv(envPassphrase); ok {
		return p, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", msg.New("cần mật khẩu khóa gốc: đặt biến môi trường "+envPassphrase+" hoặc ghi --passphrase-file TỆP",
			"the root key's passphrase is needed: set "+envPassphrase+" or give --passphrase-file FILE")
	}
	ask := func(vi, en string) (string, error) {
		fmt.Fprint(c.stderr, c.say(vi, en))
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(c.stderr)
		return string(b), err
	}
	if !isNew {
		return ask("Mật khẩu khóa gốc: ", "Root key passphrase: ")
	}
	p, err := ask(fmt.Sprintf("Đặt mật khẩu cho khóa gốc (ít nhất %d ký tự): ", rootkey.MinPassphrase),
		fmt.Sprintf("Choose a passphrase for the root key (at least %d characters): ", rootkey.MinPassphrase))
	if err != nil {
		return "", err
	}
	if err := rootkey.CheckNew(p); err != nil {
		return "", err
	}
	again, err := ask("Nhập lại mật khẩu: ", "Type it again: ")
	if err != nil {
		return "", err
	}
	if again != p {
		return "", msg.New("hai lần nhập mật khẩu không giống nhau", "the two passphrases differ")
	}
	return p, nil
}

// rootKeyAdvice is printed where a root key file was written.
func (c *cli) rootKeyAdvice(path string) {
	fmt.Fprintf(c.stdout, c.say(
		"Khóa gốc của tỉnh nằm trong %s (đã mã hóa bằng mật khẩu, không nằm trong CSDL hay bản sao lưu của nó).\n"+
			"Hãy chép nó ra để cất giữ (chiso rootkey export -o TỆP) và ghi nhớ mật khẩu: mất cả hai thì phải cấp lại mọi tệp đơn vị.\n",
		"The province root key is in %s (encrypted with the passphrase, not in the database nor its backups).\n"+
			"Export a copy for safekeeping (chiso rootkey export -o FILE) and remember the passphrase: losing both means issuing every office file again.\n"), path)
}

func (c *cli) rootkey(args []string) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "restore" && args[0] != "protect") {
		return msg.New("cần: chiso rootkey export|restore|protect", "want: chiso rootkey export|restore|protect")
	}
	sub := args[0]
	out := c.fs.String("o", "", "export: the file to write")
	passFile := c.passphraseFlag()
	positional := 0
	if sub == "restore" {
		positional = 1
	}
	if err := c.parse(args[1:], positional); err != nil {
		return err
	}
	if sub == "export" && *out == "" {
		return msg.New("cần -o TỆP: nơi ghi bản sao khóa gốc", "want -o FILE: where to write the copy of the root key")
	}
	st, err := c.openAllowingPlainKey()
	if err != nil {
		return err
	}
	defer st.Close()
	keys := rootkey.DefaultDir()
	// What cannot work is said before a passphrase is asked for.
	switch {
	case sub == "export":
		_, err = replica.RootKeyFile(st, keys)
	case sub == "protect" && !replica.HasPlainRootKey(st):
		err = msg.New("CSDL này không giữ khóa gốc không mã hóa nào", "this database holds no unencrypted root key")
	}
	if err != nil {
		return err
	}
	pass, err := c.passphrase(*passFile, sub == "protect")
	if err != nil {
		return err
	}
	switch sub {
	case "export":
		if err := replica.ExportRootKey(st, keys, pass, *out); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, c.say("Đã chép khóa gốc ra %s. Cất nó ở nơi an toàn (USB trong tủ khóa), tách khỏi mật khẩu; mở lại cần đúng mật khẩu này.\n",
			"Copied the root key to %s. Keep it somewhere safe (a USB stick in a locked drawer), apart from the passphrase; it opens with this same passphrase.\n"), *out)
		return nil
	case "restore":
		data, err := os.ReadFile(c.fs.Arg(0))
		if err != nil {
			return msg.Wrap(err, "không đọc được "+c.fs.Arg(0), "cannot read "+c.fs.Arg(0))
		}
		path, err := replica.RestoreRootKey(st, keys, data, pass)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.say("Đã khôi phục khóa gốc: máy này cấp được tệp đơn vị.", "Root key restored: this computer can issue office files."))
		c.rootKeyAdvice(path)
		return nil
	}
	path, err := replica.ProtectRootKey(context.Background(), st, keys, pass)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.say("Đã chuyển khóa gốc ra khỏi CSDL và xóa hẳn nó trong tệp CSDL. Các bản sao lưu CSDL làm trước hôm nay vẫn còn khóa: hãy xóa chúng hoặc giữ kín như khóa.",
		"Moved the root key out of the database and wiped it from the database file. Backups of the database made before today still hold the key: delete them or keep them as safe as the key."))
	c.rootKeyAdvice(path)
	return nil
}
