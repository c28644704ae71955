package replica

// This file holds a test harness that runs two real Syncthing instances on
// loopback sharing one folder, so tests can check that what one side writes
// into the shared folder reaches the other side, the way it will between two
// commune computers. It needs the syncthing binary (Debian package syncthing,
// 1.19 or newer); scripts/deps.sh test installs it.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"
)

const (
	// syncthingFolderID is the ID of the folder the two instances share.
	syncthingFolderID = "chiso-replica"

	// syncthingIgnores is the .stignore written into both copies of the
	// folder. Writers stage files under a .tmp directory (the replica
	// package uses chiso-sync/.tmp) and rename them into place; the staged
	// files must never travel. The pattern is unrooted, so it matches .tmp
	// at any depth. Syncthing uses the first pattern
	// that matches, so a plain ".tmp" line would shadow this one; the (?d)
	// prefix also lets Syncthing delete ignored files there when they would
	// block removing a directory that the other side deleted.
	syncthingIgnores = "// Writers stage files under .tmp/ (at any depth); never sync them.\n(?d).tmp\n"

	// syncthingWait bounds how long the helpers wait for Syncthing to start,
	// connect or carry a change.
	syncthingWait = 60 * time.Second

	// syncthingPoll is how often the helpers poll while waiting.
	syncthingPoll = 200 * time.Millisecond
)

// syncthingPair is two Syncthing instances on loopback sharing one folder:
// A's copy is DirA, B's copy is DirB.
type syncthingPair struct {
	DirA, DirB string

	a, b *syncthingInstance
}

// syncthingInstance is one running Syncthing process.
type syncthingInstance struct {
	name    string // "A" or "B", for messages
	home    string // --home: config, keys, database
	dir     string // this instance's copy of the shared folder
	logPath string // the process's stdout and stderr
	id      string // device ID
	gui     string // REST address, host:port
	listen  string // sync protocol listen address, tcp://host:port
	apiKey  string

	cmd    *exec.Cmd
	cancel context.CancelFunc // stops the process: SIGTERM, then kill
	exited chan struct{}      // closed when the process has exited
	err    error              // cmd.Wait's result, set before exited is closed
}

// startSyncthingPair starts two Syncthing instances that share one folder
// and waits until they are connected to each other. t.Cleanup stops them
// and removes their temporary homes. It fails the test if the syncthing
// binary is missing.
func startSyncthingPair(t *testing.T) *syncthingPair {
	t.Helper()
	bin, err := exec.LookPath("syncthing")
	if err != nil {
		t.Fatalf("syncthing binary not found (%v); run scripts/deps.sh test", err)
	}

	root := t.TempDir()
	ports := freeLoopbackPorts(t, 4)
	a := newSyncthingInstance(t, bin, "A", filepath.Join(root, "a"), ports[0], ports[1])
	b := newSyncthingInstance(t, bin, "B", filepath.Join(root, "b"), ports[2], ports[3])
	p := &syncthingPair{DirA: a.dir, DirB: b.dir, a: a, b: b}

	// Registered after t.TempDir, so these run before the homes are
	// removed: the log dump first, then the stop.
	t.Cleanup(func() { p.stop(t) })
	t.Cleanup(func() {
		if t.Failed() {
			p.logTails(t)
		}
	})

	a.writeConfig(t, b)
	b.writeConfig(t, a)
	// Start them one after the other. Syncthing dials from its listen port,
	// so if both dialed each other at the same moment the two dials would
	// become one TCP connection on which both sides play TLS client, and
	// they would wait 20 seconds for each other's hello. Started in turn,
	// A's first dial is refused, B's first dial succeeds, and A does not
	// redial for a minute (reconnectionIntervalS).
	for _, in := range []*syncthingInstance{a, b} {
		in.start(t, bin)
		in.waitAPI(t)
	}
	p.waitConnected(t)
	return p
}

// newSyncthingInstance prepares (but does not start) an instance whose home
// and folder copy live under dir: it generates the keys, reads the device ID
// and writes the folder's .stignore and marker.
func newSyncthingInstance(t *testing.T, bin, name, dir string, guiPort, listenPort int) *syncthingInstance {
	t.Helper()
	in := &syncthingInstance{
		name:    name,
		home:    filepath.Join(dir, "home"),
		dir:     filepath.Join(dir, "folder"),
		logPath: filepath.Join(dir, "home", "syncthing.log"),
		gui:     fmt.Sprintf("127.0.0.1:%d", guiPort),
		listen:  fmt.Sprintf("tcp://127.0.0.1:%d", listenPort),
		apiKey:  syncthingAPIKey(t),
	}
	// The marker directory tells Syncthing the folder is really there (and
	// not an unmounted disk); Syncthing refuses to use a folder without it.
	for _, d := range []string{in.home, filepath.Join(in.dir, ".stfolder")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(in.dir, ".stignore"), []byte(syncthingIgnores), 0o644); err != nil {
		t.Fatal(err)
	}

	in.run(t, bin, "generate", "--home="+in.home, "--no-default-folder", "--skip-port-probing")
	in.id = strings.TrimSpace(in.run(t, bin, "serve", "--home="+in.home, "--device-id"))
	if in.id == "" || strings.ContainsAny(in.id, " \n") {
		t.Fatalf("syncthing %s: unexpected device ID %q", name, in.id)
	}
	return in
}

// run runs a short syncthing command for in and returns its standard output.
func (in *syncthingInstance) run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = in.env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("syncthing %s: %s: %v\n%s%s", in.name, strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return string(out)
}

// env is the environment of in's processes: no default folder, no upgrades,
// no restarts, a HOME of its own in case the caller's is shared, and the
// standard SHA-256 code, which spares the second-long benchmark Syncthing
// otherwise runs at startup to choose one.
func (in *syncthingInstance) env() []string {
	return append(os.Environ(),
		"HOME="+in.home,
		"STNODEFAULTFOLDER=1",
		"STNOUPGRADE=1",
		"STNORESTART=1",
		"STHASHING=standard",
	)
}

// syncthingConfig is config.xml for one instance. Discovery, relays, NAT,
// usage and crash reporting and upgrades are off; each side knows the other
// at its loopback address, accepts nothing on its own, and shares one
// send-receive folder that it watches (reacting within a second) and
// rescans every two seconds. The reconnection interval stays at
// Syncthing's default of a minute; see startSyncthingPair.
var syncthingConfig = template.Must(template.New("config.xml").Funcs(template.FuncMap{
	"xml": func(s string) (string, error) {
		var b strings.Builder
		err := xml.EscapeText(&b, []byte(s))
		return b.String(), err
	},
}).Parse(
	`<configuration version="36">
    <folder id="{{.FolderID | xml}}" label="replica" path="{{.Self.Dir | xml}}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{{.Self.ID}}"></device>
        <device id="{{.Other.ID}}"></device>
        <minDiskFree unit="%">0</minDiskFree>
    </folder>
    <device id="{{.Self.ID}}" name="{{.Self.Name}}" compression="metadata">
        <address>dynamic</address>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <device id="{{.Other.ID}}" name="{{.Other.Name}}" compression="metadata">
        <address>{{.Other.Listen | xml}}</address>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <gui enabled="true" tls="false">
        <address>{{.Self.GUI | xml}}</address>
        <apikey>{{.Self.APIKey | xml}}</apikey>
    </gui>
    <options>
        <listenAddress>{{.Self.Listen | xml}}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <announceLANAddresses>false</announceLANAddresses>
        <reconnectionIntervalS>60</reconnectionIntervalS>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <restartOnWakeup>false</restartOnWakeup>
        <setLowPriority>false</setLowPriority>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
`))

// writeConfig replaces the config.xml that "syncthing generate" wrote with
// one that shares the folder with other.
func (in *syncthingInstance) writeConfig(t *testing.T, other *syncthingInstance) {
	t.Helper()
	type dev struct{ ID, Name, Dir, GUI, Listen, APIKey string }
	data := struct {
		FolderID    string
		Self, Other dev
	}{
		FolderID: syncthingFolderID,
		Self:     dev{in.id, in.name, in.dir, in.gui, in.listen, in.apiKey},
		Other:    dev{other.id, other.name, other.dir, other.gui, other.listen, other.apiKey},
	}
	var buf bytes.Buffer
	if err := syncthingConfig.Execute(&buf, data); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in.home, "config.xml"), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// start starts "syncthing serve" for in, logging to in.logPath.
func (in *syncthingInstance) start(t *testing.T, bin string) {
	t.Helper()
	logf, err := os.Create(in.logPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--home="+in.home,
		"--no-browser", "--no-restart", "--no-upgrade", "--logflags=3")
	cmd.Env = in.env()
	cmd.Stdout = logf
	cmd.Stderr = logf
	// Ask politely first; exec kills the process if it is still there
	// after WaitDelay.
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Start(); err != nil {
		cancel()
		logf.Close()
		t.Fatalf("syncthing %s: %v", in.name, err)
	}
	in.cmd, in.cancel, in.exited = cmd, cancel, make(chan struct{})
	go func() {
		in.err = cmd.Wait()
		logf.Close()
		close(in.exited)
	}()
}

// stop stops the instances of p that were started and waits for them to
// exit: SIGTERM first, a kill if one is still running 10 seconds later.
func (p *syncthingPair) stop(t *testing.T) {
	for _, in := range []*syncthingInstance{p.a, p.b} {
		if in.cmd != nil {
			in.cancel()
		}
	}
	for _, in := range []*syncthingInstance{p.a, p.b} {
		if in.cmd == nil {
			continue
		}
		select {
		case <-in.exited:
		case <-time.After(30 * time.Second):
			t.Errorf("syncthing %s (pid %d) did not exit", in.name, in.cmd.Process.Pid)
		}
	}
}

// waitAPI waits until in's REST API answers a ping.
func (in *syncthingInstance) waitAPI(t *testing.T) {
	t.Helper()
	var last error
	for deadline := time.Now().Add(syncthingWait); time.Now().Before(deadline); time.Sleep(syncthingPoll) {
		if last = in.call(http.MethodGet, "/rest/system/ping", nil); last == nil {
			return
		}
	}
	t.Fatalf("syncthing %s: REST API at %s did not answer within %v: %v", in.name, in.gui, syncthingWait, last)
}

// call sends a REST request to in and decodes the JSON answer into v
// (unless v is nil). It reports an error if in has exited.
func (in *syncthingInstance) call(method, path string, v any) error {
	select {
	case <-in.exited:
		return fmt.Errorf("syncthing %s exited: %v", in.name, in.err)
	default:
	}
	req, err := http.NewRequest(method, "http://"+in.gui+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", in.apiKey)
	resp, err := syncthingClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(body))
	}
	if v == nil {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s %s: %v", method, path, err)
	}
	return nil
}

// syncthingClient talks to the instances' REST APIs. A scan blocks until it
// is done, which takes well under the timeout for a test's folder.
var syncthingClient = &http.Client{Timeout: 30 * time.Second}

// waitConnected waits until each instance reports the other as connected.
func (p *syncthingPair) waitConnected(t *testing.T) {
	t.Helper()
	var why string
	for deadline := time.Now().Add(syncthingWait); time.Now().Before(deadline); time.Sleep(syncthingPoll) {
		why = ""
		for _, in := range []*syncthingInstance{p.a, p.b} {
			other := p.other(in)
			var conns struct {
				Connections map[string]struct{ Connected bool }
			}
			if err := in.call(http.MethodGet, "/rest/system/connections", &conns); err != nil {
				why = err.Error()
				break
			}
			if !conns.Connections[other.id].Connected {
				why = fmt.Sprintf("%s is not connected to %s", in.name, other.name)
				break
			}
		}
		if why == "" {
			return
		}
	}
	t.Fatalf("syncthing instances did not connect within %v: %s", syncthingWait, why)
}

// other returns the instance of p that is not in.
func (p *syncthingPair) other(in *syncthingInstance) *syncthingInstance {
	if in == p.a {
		return p.b
	}
	return p.a
}

// Rescan asks both instances to rescan the folder now. Each scan is done
// when Rescan returns.
func (p *syncthingPair) Rescan(t *testing.T) {
	t.Helper()
	if err := p.rescan(); err != nil {
		t.Fatal(err)
	}
}

// rescan is Rescan's work, reporting the error instead of failing.
func (p *syncthingPair) rescan() error {
	for _, in := range []*syncthingInstance{p.a, p.b} {
		if err := in.call(http.MethodPost, "/rest/db/scan?folder="+syncthingFolderID, nil); err != nil {
			return fmt.Errorf("syncthing %s: rescan: %v", in.name, err)
		}
	}
	return nil
}

// WaitFile waits, polling and rescanning, until the file at the slash-
// separated path rel under dir (p.DirA or p.DirB) exists with exactly the
// given content. It fails the test with what it last saw after about a
// minute.
func (p *syncthingPair) WaitFile(t *testing.T, dir, rel string, content []byte) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	var saw string
	var lastScan time.Time
	for deadline := time.Now().Add(syncthingWait); time.Now().Before(deadline); time.Sleep(syncthingPoll) {
		got, err := os.ReadFile(name)
		switch {
		case err != nil:
			saw = err.Error()
		case !bytes.Equal(got, content):
			saw = fmt.Sprintf("content %q", got)
		default:
			return
		}
		if time.Since(lastScan) >= time.Second {
			if err := p.rescan(); err != nil {
				t.Fatal(err)
			}
			lastScan = time.Now()
		}
	}
	t.Fatalf("%s did not get content %q within %v; last saw: %s\n%s",
		name, content, syncthingWait, saw, p.states())
}

// WaitIdle rescans and then waits until both instances report the folder
// idle and fully in sync with the other device: the folder's state is idle
// with nothing needed, and the other device is connected and 100% complete
// with nothing needed. The condition must hold on two polls in a row. It
// fails the test after about a minute.
func (p *syncthingPair) WaitIdle(t *testing.T) {
	t.Helper()
	p.Rescan(t)
	var why string
	settled := 0
	for deadline := time.Now().Add(syncthingWait); time.Now().Before(deadline); time.Sleep(syncthingPoll) {
		why = ""
		for _, in := range []*syncthingInstance{p.a, p.b} {
			if why = in.notIdle(p.other(in)); why != "" {
				break
			}
		}
		if why != "" {
			settled = 0
			continue
		}
		if settled++; settled == 2 {
			return
		}
	}
	t.Fatalf("syncthing instances did not settle within %v: %s\n%s", syncthingWait, why, p.states())
}

// syncthingStatus is the part of GET /rest/db/status that the helpers read.
type syncthingStatus struct {
	State          string
	NeedTotalItems int
	NeedBytes      int64
	PullErrors     int
	Errors         int
}

// syncthingCompletion is the part of GET /rest/db/completion that the
// helpers read.
type syncthingCompletion struct {
	Completion  float64
	NeedBytes   int64
	NeedItems   int
	NeedDeletes int
}

// notIdle reports why in is not idle and in sync with other, or "" if it is.
func (in *syncthingInstance) notIdle(other *syncthingInstance) string {
	var st syncthingStatus
	if err := in.call(http.MethodGet, "/rest/db/status?folder="+syncthingFolderID, &st); err != nil {
		return err.Error()
	}
	if st.State != "idle" || st.NeedTotalItems != 0 || st.NeedBytes != 0 {
		return fmt.Sprintf("%s: folder state %q, needs %d items (%d bytes)", in.name, st.State, st.NeedTotalItems, st.NeedBytes)
	}
	var conns struct {
		Connections map[string]struct{ Connected bool }
	}
	if err := in.call(http.MethodGet, "/rest/system/connections", &conns); err != nil {
		return err.Error()
	}
	if !conns.Connections[other.id].Connected {
		return fmt.Sprintf("%s: not connected to %s", in.name, other.name)
	}
	var c syncthingCompletion
	if err := in.call(http.MethodGet, "/rest/db/completion?folder="+syncthingFolderID+"&device="+other.id, &c); err != nil {
		return err.Error()
	}
	if c.Completion != 100 || c.NeedBytes != 0 || c.NeedItems != 0 || c.NeedDeletes != 0 {
		return fmt.Sprintf("%s: %s is %.1f%% complete, needs %d items (%d bytes), %d deletes",
			in.name, other.name, c.Completion, c.NeedItems, c.NeedBytes, c.NeedDeletes)
	}
	return ""
}

// states describes both instances' view of the folder, for failure messages.
func (p *syncthingPair) states() string {
	var b strings.Builder
	for _, in := range []*syncthingInstance{p.a, p.b} {
		other := p.other(in)
		var st syncthingStatus
		var c syncthingCompletion
		if err := in.call(http.MethodGet, "/rest/db/status?folder="+syncthingFolderID, &st); err != nil {
			fmt.Fprintf(&b, "%s: %v\n", in.name, err)
			continue
		}
		if err := in.call(http.MethodGet, "/rest/db/completion?folder="+syncthingFolderID+"&device="+other.id, &c); err != nil {
			fmt.Fprintf(&b, "%s: %v\n", in.name, err)
			continue
		}
		fmt.Fprintf(&b, "%s: folder %+v; sees %s %+v\n", in.name, st, other.name, c)
	}
	return b.String()
}

// logTails logs the last lines of both instances' logs.
func (p *syncthingPair) logTails(t *testing.T) {
	for _, in := range []*syncthingInstance{p.a, p.b} {
		data, err := os.ReadFile(in.logPath)
		if err != nil {
			t.Logf("syncthing %s log: %v", in.name, err)
			continue
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if len(lines) > 40 {
			lines = lines[len(lines)-40:]
		}
		t.Logf("syncthing %s (%s) log, last %d lines:\n%s", in.name, in.id, len(lines), strings.Join(lines, "\n"))
	}
}

// freeLoopbackPorts returns n distinct TCP ports on 127.0.0.1 that were free
// a moment ago.
func freeLoopbackPorts(t *testing.T, n int) []int {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		// Keep it open until all are chosen so the ports are distinct.
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports
}

// syncthingAPIKey returns a new random REST API key.
func syncthingAPIKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// writeThroughTmp writes data to the slash-separated path rel under dir the
// way the replica writers do: into a temporary file under dir/.tmp, then
// renamed into place.
func writeThroughTmp(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	tmpDir := filepath.Join(dir, ".tmp")
	name := filepath.Join(dir, filepath.FromSlash(rel))
	for _, d := range []string{tmpDir, filepath.Dir(name)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.CreateTemp(tmpDir, "write-*")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		t.Fatal(err)
	}
}

// TestSyncthingPairCarriesFiles checks the harness itself: a file written on
// either side reaches the other, and files under .tmp/ stay where they are.
func TestSyncthingPairCarriesFiles(t *testing.T) {
	p := startSyncthingPair(t)

	fromA := []byte(`{"seq":1,"note":"Đồng bộ"}`)
	writeThroughTmp(t, p.DirA, "devices/abc/seg/0001.json", fromA)
	p.WaitFile(t, p.DirB, "devices/abc/seg/0001.json", fromA)

	fromB := []byte(`{"seq":1,"note":"Xã Đông Hòa, tỉnh Phú Yên"}`)
	writeThroughTmp(t, p.DirB, "devices/xyz/seg/0001.json", fromB)

	// Files staged under .tmp/ on either side must stay there.
	stray := filepath.Join(".tmp", "staged-0002.json")
	for _, dir := range []string{p.DirA, p.DirB} {
		if err := os.WriteFile(filepath.Join(dir, stray), []byte("nửa chừng"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	onlyA := []string{
		filepath.Join(".tmp", "only-a.json"),
		filepath.Join("chiso-sync", ".tmp", "only-a.json"),
	}
	for _, rel := range onlyA {
		name := filepath.Join(p.DirA, rel)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte("chỉ bên A"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	p.WaitFile(t, p.DirA, "devices/xyz/seg/0001.json", fromB)
	p.WaitIdle(t)

	for _, rel := range onlyA {
		if _, err := os.Stat(filepath.Join(p.DirB, rel)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s was carried to B (stat: %v); .tmp/ must be ignored", rel, err)
		}
	}
	for _, dir := range []string{p.DirA, p.DirB} {
		got, err := os.ReadFile(filepath.Join(dir, stray))
		if err != nil || string(got) != "nửa chừng" {
			t.Errorf("%s: %q, %v; want each side's own staged file untouched", filepath.Join(dir, stray), got, err)
		}
	}
	// Both sides still hold both segments after settling.
	for _, dir := range []string{p.DirA, p.DirB} {
		for rel, want := range map[string][]byte{
			"devices/abc/seg/0001.json": fromA,
			"devices/xyz/seg/0001.json": fromB,
		} {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %q, %v; want %q", filepath.Join(dir, rel), got, err, want)
			}
		}
	}
}

// waitMirror waits until every file Chỉ Số wrote under from's sync tree is
// in to with the same content (temporary files excluded).
func (p *syncthingPair) waitMirror(t *testing.T, from, to string) {
	t.Helper()
	root := filepath.Join(from, rootDir)
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() && d.Name() == ".tmp" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(from, path)
		p.WaitFile(t, to, filepath.ToSlash(rel), b)
		return nil
	})
}

// TestSyncthingCarriesValuesAndConflicts runs Chỉ Số's sync through a
// folder that two real Syncthing instances replicate: the province syncs
// with its copy, the commune with its own.
func TestSyncthingCarriesValuesAndConflicts(t *testing.T) {
	pair := startSyncthingPair(t)
	prov := newProvince(t)
	commune := newOffice(t, prov, "UBND phường Hà Khẩu", "QN_HALONG_01")

	set(t, commune, "POP", "QN_HALONG_01", "2024", "12345")
	syncWith(t, commune, pair.DirB)
	pair.waitMirror(t, pair.DirB, pair.DirA)
	if rep := syncWith(t, prov, pair.DirA); rep.Applied != 1 || value(t, prov, "POP", "QN_HALONG_01", "2024") != "12345" {
		t.Fatalf("the value did not come through Syncthing: %+v", rep)
	}
	pair.waitMirror(t, pair.DirA, pair.DirB)

	// Both edit the same value before seeing the other's change.
	set(t, commune, "POP", "QN_HALONG_01", "2024", "12400")
	set(t, prov, "POP", "QN_HALONG_01", "2024", "12500")
	syncWith(t, commune, pair.DirB)
	syncWith(t, prov, pair.DirA)
	pair.waitMirror(t, pair.DirB, pair.DirA)
	pair.waitMirror(t, pair.DirA, pair.DirB)
	syncWith(t, commune, pair.DirB)
	syncWith(t, prov, pair.DirA)
	pc, cc := conflicts(t, prov), conflicts(t, commune)
	if pc == "" || pc != cc || !strings.Contains(pc, "12400") || !strings.Contains(pc, "12500") {
		t.Fatalf("not the same conflict on both sides:\nprovince: %s\ncommune:  %s", pc, cc)
	}
	if a, b := value(t, prov, "POP", "QN_HALONG_01", "2024"), value(t, commune, "POP", "QN_HALONG_01", "2024"); a != b {
		t.Fatalf("provisional values differ: %s, %s", a, b)
	}
	pair.WaitIdle(t)
	for _, dir := range []string{pair.DirA, pair.DirB} {
		if m, _ := filepath.Glob(filepath.Join(dir, rootDir, "devices", "*", "seg", "*sync-conflict*")); len(m) > 0 {
			t.Fatalf("Syncthing made conflict copies: %v", m)
		}
	}
}
