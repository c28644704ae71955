package main

import (
	"fmt"

	"chiso/data/store"
)

const settingsUsage = `  chiso settings [--db F] [--user TÊN] [--keep-backups N]
                                               xem hoặc đổi tên người dùng (ghi vào mỗi thay đổi) và số bản
                                               sao lưu trước khi nhập được giữ lại (mặc định 5)
`

// settings shows the database's settings the command line changes, after
// changing those given.
func (c *cli) settings(args []string) error {
	user := c.fs.String("user", "", "your name, recorded on every change")
	keep := c.fs.Int("keep-backups", 0, fmt.Sprintf("how many backups made before imports are kept beside the database (default %d)", store.DefaultKeepBackups))
	if err := c.parse(args, 0); err != nil {
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if *user != "" {
		if err := st.SetAuthor(*user); err != nil {
			return err
		}
	}
	if *keep != 0 {
		if err := st.SetKeepBackups(*keep); err != nil {
			return err
		}
	}
	who := st.Author()
	if !st.AuthorChosen() {
		who += c.say(" (tên người dùng của hệ thống: đặt tên mình bằng --user)", " (the system's user name: give yours with --user)")
	}
	fmt.Fprintf(c.stdout, c.say("Người dùng: %s\nGiữ lại %d bản sao lưu trước khi nhập, cạnh %s\n", "User: %s\nKeeping %d backups made before imports, beside %s\n"),
		who, st.KeepBackups(), c.db)
	return nil
}
