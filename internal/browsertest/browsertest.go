// Package browsertest drives a headless Chromium for end-to-end tests of
// Jalin's server-rendered pages, with chromedp.
//
// A test gets a browser with New, drives it with the helpers of Browser, and
// gets a failure at the end of the test for every problem the page had that
// the test did not expect:
//
//   - a console.error call, an uncaught exception or unhandled rejection, or
//     an error entry of the browser log (such as a Content-Security-Policy
//     violation);
//   - an HTTP response with a status of 400 or more, for the page or for any
//     of its sub-resources and fetches;
//   - a request that failed (connection refused, blocked by CSP or CORS, …).
//     Requests that were cancelled or aborted, as happens when a navigation
//     interrupts a load, are benign and are not reported.
//
// A test that expects such a problem, for example one that checks the 404
// page, says so with AllowHTTPError or AllowConsole.
//
//	func TestRegionPage(t *testing.T) {
//		srv := httptest.NewServer(handler)
//		defer srv.Close()
//		b := browsertest.New(t)
//		b.Navigate(srv.URL + "/wilayah/32")
//		b.WaitVisible("div.map[data-map-state=ready] path.geo-self")
//		if got := b.Text("h1.page-title"); !strings.Contains(got, "Jawa Barat") {
//			t.Errorf("title = %q", got)
//		}
//	}
//
// The browser is found through the environment variable JALIN_CHROMIUM, or at
// /usr/bin/chromium. When there is none, New skips the test, unless
// JALIN_E2E=required, when it fails it (CI sets that). Every helper fails the
// test at once (t.Fatal) on an error, with the selector, the page address and
// the problems recorded so far. Each action has a timeout (15 s by default,
// see SetTimeout). When JALIN_E2E_ARTIFACTS names a directory, a failing
// helper saves a screenshot of the page there.
//
// Selectors are CSS selectors (document.querySelector); a helper that reads or
// acts on one element uses the first match, and waits for it to exist.
package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// DefaultTimeout is the time limit of one helper call.
const DefaultTimeout = 15 * time.Second

// startTimeout is the time limit for starting the browser or opening a tab.
const startTimeout = 60 * time.Second

// Browser is one tab of a headless Chromium. Its methods must be called from
// the test's goroutine. Tabs made with NewTab share the browser, the list of
// recorded problems and the allow-lists.
type Browser struct {
	t       testing.TB
	ctx     context.Context // the tab's chromedp context
	name    string          // "tab1", "tab2", …
	timeout time.Duration
	rec     *recorder
	shared  *shared
}

// shared is the state of one browser process, common to all its tabs.
type shared struct {
	mu       sync.Mutex
	tabs     int
	shots    int
	userData string
}

// New starts a headless Chromium for the test and returns its first tab.
// The browser is closed, and the recorded problems are checked, when the test
// ends.
func New(t testing.TB) *Browser {
	t.Helper()
	exe := findChromium()
	if exe == "" {
		msg := "browsertest: no Chromium found (set JALIN_CHROMIUM, or install the Debian package chromium for /usr/bin/chromium)"
		if os.Getenv("JALIN_E2E") == "required" {
			t.Fatal(msg + "; JALIN_E2E=required")
		}
		t.Skip(msg + "; set JALIN_E2E=required to make this a failure")
	}

	userData, err := os.MkdirTemp("", "jalin-chromium-")
	if err != nil {
		t.Fatalf("browsertest: temporary profile directory: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		// The sandbox needs user namespaces or a setuid helper, which a
		// container (and root) lacks; the pages under test are our own.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,MediaRouter,OptimizationHints,BackForwardCache"),
		chromedp.Flag("lang", "id-ID"),
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)

	b := &Browser{
		t:       t,
		timeout: DefaultTimeout,
		rec:     newRecorder(),
		shared:  &shared{userData: userData},
	}
	b.name = b.shared.nextTab()
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(b.listen))
	b.ctx = ctx

	t.Cleanup(func() {
		b.settle()
		if probs := b.rec.unexpected(); len(probs) > 0 {
			t.Errorf("browsertest: %d unexpected browser problem(s) (use AllowHTTPError/AllowConsole if they are expected):\n\t%s",
				len(probs), strings.Join(probs, "\n\t"))
		}
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		_ = chromedp.Cancel(cctx)
		ccancel()
		cancel()
		allocCancel()
		_ = os.RemoveAll(userData)
	})

	if err := start(ctx); err != nil {
		t.Fatalf("browsertest: starting %s: %v", exe, err)
	}
	return b
}

// findChromium returns the browser executable, or "".
func findChromium() string {
	for _, p := range []string{os.Getenv("JALIN_CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// start runs the first (empty) action on ctx, which starts the browser or
// opens the tab. The first Run binds the tab's life to its context, so it gets
// no timeout; a watchdog cancels it instead.
func start(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(startTimeout):
		_ = chromedp.Cancel(ctx)
		return fmt.Errorf("timed out after %v", startTimeout)
	}
}

func (s *shared) nextTab() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tabs++
	return fmt.Sprintf("tab%d", s.tabs)
}

// NewTab opens a second tab (in its own window, so that it is active too) in
// the same browser, for tests such as a stale edit in a second tab. Both tabs
// share cookies, the recorded problems and the allow-lists. The tab closes
// when the test ends.
func (b *Browser) NewTab() *Browser {
	b.t.Helper()
	nb := &Browser{
		t:       b.t,
		timeout: b.timeout,
		rec:     b.rec,
		shared:  b.shared,
	}
	nb.name = b.shared.nextTab()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(nb.listen))
	nb.ctx = ctx
	b.t.Cleanup(func() {
		nb.settle()
		cctx, ccancel := context.WithTimeout(ctx, 5*time.Second)
		_ = chromedp.Cancel(cctx)
		ccancel()
		cancel()
	})
	if err := start(ctx); err != nil {
		b.t.Fatalf("browsertest: opening %s: %v", nb.name, err)
	}
	return nb
}

// Context returns the tab's chromedp context, for actions that the helpers do
// not cover. Derive a context with a timeout from it for each action; do not
// cancel it.
func (b *Browser) Context() context.Context { return b.ctx }

// SetTimeout sets the time limit of each later helper call of this tab.
func (b *Browser) SetTimeout(d time.Duration) { b.timeout = d }

// AllowHTTPError makes HTTP responses with status >= 400 and failed requests
// whose description contains substr expected. The description has the form
// "HTTP 404 GET http://host/path" or "request failed: net::ERR_… GET http://…",
// so substr can be a path, a status ("HTTP 404") or both. A browser log error
// that names the URL of an allowed request (such as Chromium's refusal to run
// a script that came back as a text/plain 404) is allowed with it.
func (b *Browser) AllowHTTPError(substr string) { b.rec.allow(kindHTTP, substr) }

// AllowConsole makes console errors, uncaught exceptions and browser log
// errors whose text contains substr expected.
func (b *Browser) AllowConsole(substr string) { b.rec.allow(kindConsole, substr) }

// Problems returns every problem recorded so far in all tabs of the browser,
// expected or not, in order. A test can use it to check that an expected
// problem did happen.
func (b *Browser) Problems() []string {
	b.settle()
	return b.rec.all()
}

// Dialogs returns the messages of the JavaScript dialogs (alert, confirm,
// prompt) that the pages opened so far.
func (b *Browser) Dialogs() []string { return b.rec.dialogMessages() }

// AcceptDialogs sets how later dialogs are answered: true (the default)
// accepts confirm() and prompt(), false dismisses them.
func (b *Browser) AcceptDialogs(accept bool) { b.rec.setAccept(accept) }

// ---- navigation ----

// Navigate loads url and waits for its load event.
func (b *Browser) Navigate(url string) {
	b.t.Helper()
	b.do("Navigate("+url+")", chromedp.Navigate(url))
}

// NavigateStatus loads url, waits for its load event, and returns the HTTP
// status of the document. It does not make an error status expected: call
// AllowHTTPError for that.
func (b *Browser) NavigateStatus(url string) int {
	b.t.Helper()
	res := run(b, "NavigateStatus("+url+")", chromedp.NavigateResponse(url))
	if res == nil {
		return 0
	}
	return int(res.Status)
}

// Reload reloads the page and waits for its load event.
func (b *Browser) Reload() {
	b.t.Helper()
	b.do("Reload()", chromedp.Reload())
}

// Back goes back in the tab's history and waits for the load event.
func (b *Browser) Back() {
	b.t.Helper()
	b.do("Back()", chromedp.NavigateBack())
}

// Location returns the address of the current document.
func (b *Browser) Location() string {
	b.t.Helper()
	return run(b, "Location()", chromedp.Location())
}

// Title returns the title of the current document.
func (b *Browser) Title() string {
	b.t.Helper()
	return run(b, "Title()", chromedp.Title())
}

// ---- interaction ----

// Click clicks the first element that matches sel, once it is visible.
// It does not wait for a navigation that the click starts; use ClickAndWait
// for a link or a submit button of a plain form.
func (b *Browser) Click(sel string) {
	b.t.Helper()
	b.do(fmt.Sprintf("Click(%q)", sel), chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// ClickAndWait clicks the first element that matches sel, waits until the
// page that the click loads has loaded, and returns its HTTP status.
func (b *Browser) ClickAndWait(sel string) int {
	b.t.Helper()
	return b.navigating(fmt.Sprintf("ClickAndWait(%q)", sel),
		chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// SetFiles chooses files for the input[type=file] that matches sel, as a
// user's file dialog would.
func (b *Browser) SetFiles(sel string, paths ...string) {
	b.t.Helper()
	b.do(fmt.Sprintf("SetFiles(%q)", sel), chromedp.SetUploadFiles(chromedp.CSS(sel), paths))
}

// SetValue sets the value of the input, select or textarea that matches sel,
// and fires the input and change events, as a user's edit would.
func (b *Browser) SetValue(sel, value string) {
	b.t.Helper()
	what := fmt.Sprintf("SetValue(%q, %q)", sel, value)
	b.do(what, chromedp.WaitReady(chromedp.CSS(sel)))
	run(b, what, chromedp.Evaluate[bool](fmt.Sprintf(`(function(sel, v) {
		var el = document.querySelector(sel);
		if (!el) throw new Error("no element matches " + sel);
		el.value = v;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})(%s, %s)`, jsString(sel), jsString(value))))
}

// SendKeys focuses the element that matches sel and types text into it, key
// by key ("\n" is Enter).
func (b *Browser) SendKeys(sel, text string) {
	b.t.Helper()
	b.do(fmt.Sprintf("SendKeys(%q, %q)", sel, text), chromedp.SendKeys(chromedp.CSS(sel), text, chromedp.NodeVisible))
}

// Clear empties the input or textarea that matches sel.
func (b *Browser) Clear(sel string) {
	b.t.Helper()
	b.do(fmt.Sprintf("Clear(%q)", sel), chromedp.Clear(chromedp.CSS(sel)))
}

// Submit submits the form that matches sel, or the form of the element that
// matches sel (a submit button is used as the submitter). It uses
// requestSubmit, so validation, submit listeners (htmx, data-confirm) run as
// for a user. It does not wait for a navigation; see SubmitAndWait.
func (b *Browser) Submit(sel string) {
	b.t.Helper()
	what := fmt.Sprintf("Submit(%q)", sel)
	b.do(what, chromedp.WaitReady(chromedp.CSS(sel)), b.submitAction(sel))
}

// SubmitAndWait is Submit for a plain (non-htmx) form: it waits until the
// page that the submission loads has loaded, and returns its HTTP status.
func (b *Browser) SubmitAndWait(sel string) int {
	b.t.Helper()
	what := fmt.Sprintf("SubmitAndWait(%q)", sel)
	b.do(what, chromedp.WaitReady(chromedp.CSS(sel)))
	return b.navigating(what, b.submitAction(sel))
}

func (b *Browser) submitAction(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function(sel) {
		var el = document.querySelector(sel);
		if (!el) throw new Error("no element matches " + sel);
		var form = el instanceof HTMLFormElement ? el : (el.form || el.closest("form"));
		if (!form) throw new Error("no form for " + sel);
		if (el !== form && (el.type === "submit" || el.type === "image")) {
			form.requestSubmit(el);
		} else {
			form.requestSubmit();
		}
	})(%s)`, jsString(sel)))
}

// navigating runs the action, waits for the page load it causes, and returns
// the document's HTTP status.
func (b *Browser) navigating(what string, a chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, a)
	if err != nil {
		b.fail(what, err)
	}
	if res == nil {
		return 0
	}
	return int(res.Status)
}

// ---- reading ----

// Text returns the visible text (innerText) of the first element that
// matches sel, with surrounding white space trimmed. It waits for the element
// to exist.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(run(b, fmt.Sprintf("Text(%q)", sel), chromedp.Text(chromedp.CSS(sel))))
}

// Value returns the value of the input, select or textarea that matches sel.
func (b *Browser) Value(sel string) string {
	b.t.Helper()
	return run(b, fmt.Sprintf("Value(%q)", sel), chromedp.Value(chromedp.CSS(sel)))
}

// Attr returns the value of the attribute name of the first element that
// matches sel, and whether the attribute is present.
func (b *Browser) Attr(sel, name string) (string, bool) {
	b.t.Helper()
	r := run(b, fmt.Sprintf("Attr(%q, %q)", sel, name), chromedp.AttributeValue(chromedp.CSS(sel), name))
	return r.Value, r.Exists
}

// HTML returns the outer HTML of the first element that matches sel.
func (b *Browser) HTML(sel string) string {
	b.t.Helper()
	return run(b, fmt.Sprintf("HTML(%q)", sel), chromedp.OuterHTML(chromedp.CSS(sel)))
}

// Count returns the number of elements that match sel now, without waiting.
func (b *Browser) Count(sel string) int {
	b.t.Helper()
	return run(b, fmt.Sprintf("Count(%q)", sel),
		chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%s).length", jsString(sel))))
}

// Exists reports whether an element matches sel now, without waiting.
func (b *Browser) Exists(sel string) bool {
	b.t.Helper()
	return b.Count(sel) > 0
}

// WaitVisible waits until the first element that matches sel exists and is
// visible.
func (b *Browser) WaitVisible(sel string) {
	b.t.Helper()
	b.do(fmt.Sprintf("WaitVisible(%q)", sel), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// WaitGone waits until no element matches sel.
func (b *Browser) WaitGone(sel string) {
	b.t.Helper()
	b.do(fmt.Sprintf("WaitGone(%q)", sel), chromedp.WaitNotPresent(chromedp.CSS(sel)))
}

// WaitCount waits until exactly n elements match sel.
func (b *Browser) WaitCount(sel string, n int) {
	b.t.Helper()
	run(b, fmt.Sprintf("WaitCount(%q, %d)", sel, n), chromedp.Poll[bool](
		fmt.Sprintf("document.querySelectorAll(%s).length === %d", jsString(sel), n),
		chromedp.WithPollingTimeout(b.timeout), chromedp.WithPollingInterval(25*time.Millisecond)))
}

// Eval evaluates a JavaScript expression in the tab and decodes its
// JSON-encodable result into T. A promise is awaited.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	return run(b, "Eval("+abbrev(expr)+")", chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// Screenshot saves a PNG of the whole page to path, creating its directory.
func (b *Browser) Screenshot(path string) {
	b.t.Helper()
	png := run(b, "Screenshot("+path+")", chromedp.FullScreenshot(100))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.t.Fatalf("browsertest: Screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatalf("browsertest: Screenshot: %v", err)
	}
}

// ---- running actions ----

func (b *Browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fail(what, err)
	}
}

func run[T any](b *Browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.fail(what, err)
	}
	return v
}

// fail ends the test with a message that says what failed, where, and what
// went wrong in the page so far.
func (b *Browser) fail(what string, err error) {
	b.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %v (%w)", b.timeout, err)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "browsertest: %s: %s: %v", b.name, what, err)
	if loc := b.quickLocation(); loc != "" {
		fmt.Fprintf(&sb, "\n\tpage: %s", loc)
	}
	if shot := b.failureScreenshot(); shot != "" {
		fmt.Fprintf(&sb, "\n\tscreenshot: %s", shot)
	}
	if probs := b.rec.all(); len(probs) > 0 {
		fmt.Fprintf(&sb, "\n\tbrowser problems so far:\n\t\t%s", strings.Join(probs, "\n\t\t"))
	}
	b.t.Fatal(sb.String())
}

func (b *Browser) quickLocation() string {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return ""
	}
	return loc
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func (b *Browser) failureScreenshot() string {
	dir := os.Getenv("JALIN_E2E_ARTIFACTS")
	if dir == "" {
		return ""
	}
	b.shared.mu.Lock()
	b.shared.shots++
	n := b.shared.shots
	b.shared.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return ""
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", unsafeName.ReplaceAllString(b.t.Name(), "_"), b.name, n))
	if os.MkdirAll(dir, 0o755) != nil || os.WriteFile(path, png, 0o644) != nil {
		return ""
	}
	return path
}

// settle makes a round trip to the tab, so that every event the browser sent
// before it has reached the listener (the target delivers events in order,
// before the replies that follow them).
func (b *Browser) settle() {
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[int]("0"))
}

// ---- event recording ----

type kind int

const (
	kindConsole kind = iota // console.error, exceptions, log errors
	kindHTTP                // status >= 400, failed requests
)

type problem struct {
	kind kind
	text string
	url  string // the request's URL, for kindHTTP
	log  bool   // an entry of the browser log, for kindConsole
}

type request struct{ method, url string }

type recorder struct {
	mu           sync.Mutex
	problems     []problem
	allowed      map[kind][]string
	requests     map[string]request // by tab name + "/" + request id
	dialogs      []string
	acceptDialog bool
}

func newRecorder() *recorder {
	return &recorder{
		allowed:      map[kind][]string{},
		requests:     map[string]request{},
		acceptDialog: true,
	}
}

func (r *recorder) add(p problem) {
	r.mu.Lock()
	r.problems = append(r.problems, p)
	r.mu.Unlock()
}

func (r *recorder) allow(k kind, substr string) {
	r.mu.Lock()
	r.allowed[k] = append(r.allowed[k], substr)
	r.mu.Unlock()
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.problems))
	for i, p := range r.problems {
		out[i] = p.text
	}
	return out
}

// unexpected returns the problems that no Allow call covers. A browser log
// error that names the URL of an allowed HTTP error is a consequence of it
// (such as "Refused to execute script from '…/x.js' because its MIME type
// ('text/plain') is not executable" after a 404), and is allowed with it.
func (r *recorder) unexpected() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	covered := func(p problem) bool {
		for _, s := range r.allowed[p.kind] {
			if strings.Contains(p.text, s) {
				return true
			}
		}
		return false
	}
	var allowedURLs []string
	for _, p := range r.problems {
		if p.kind == kindHTTP && p.url != "" && covered(p) {
			allowedURLs = append(allowedURLs, p.url)
		}
	}
	var out []string
next:
	for _, p := range r.problems {
		if covered(p) {
			continue
		}
		if p.log {
			for _, u := range allowedURLs {
				if strings.Contains(p.text, u) {
					continue next
				}
			}
		}
		out = append(out, p.text)
	}
	return out
}

func (r *recorder) setAccept(v bool) {
	r.mu.Lock()
	r.acceptDialog = v
	r.mu.Unlock()
}

func (r *recorder) dialogMessages() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.dialogs...)
}

// listen receives every event of the tab. It runs on chromedp's reading
// goroutine, so it only records, and never runs a command itself.
func (b *Browser) listen(ev any) {
	r := b.rec
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			r.add(problem{kind: kindConsole, text: fmt.Sprintf("[%s] console.%s: %s%s", b.name, e.Type, argsText(e.Args), stackPlace(e.StackTrace))})
		}
	case *runtime.EventExceptionThrown:
		r.add(problem{kind: kindConsole, text: fmt.Sprintf("[%s] uncaught exception: %s", b.name, exceptionText(e.ExceptionDetails))})
	case *log.EventEntryAdded:
		// Network errors are reported, with their URL, by the network events.
		if e.Entry != nil && e.Entry.Level == log.EntryLevelError && e.Entry.Source != log.EntrySourceNetwork {
			place := ""
			if e.Entry.URL != "" {
				place = fmt.Sprintf(" (%s:%d)", e.Entry.URL, e.Entry.LineNumber+1)
			}
			r.add(problem{kind: kindConsole, log: true, text: fmt.Sprintf("[%s] browser %s error: %s%s", b.name, e.Entry.Source, e.Entry.Text, place)})
		}
	case *network.EventRequestWillBeSent:
		if e.Request != nil {
			r.mu.Lock()
			r.requests[b.name+"/"+string(e.RequestID)] = request{e.Request.Method, e.Request.URL}
			r.mu.Unlock()
		}
	case *network.EventResponseReceived:
		if e.Response != nil && e.Response.Status >= 400 {
			r.mu.Lock()
			req, ok := r.requests[b.name+"/"+string(e.RequestID)]
			r.mu.Unlock()
			if !ok {
				req = request{"GET", e.Response.URL}
			}
			r.add(problem{kind: kindHTTP, url: req.url,
				text: fmt.Sprintf("[%s] HTTP %d %s %s", b.name, e.Response.Status, req.method, req.url)})
		}
	case *network.EventLoadingFinished:
		r.mu.Lock()
		delete(r.requests, b.name+"/"+string(e.RequestID))
		r.mu.Unlock()
	case *network.EventLoadingFailed:
		key := b.name + "/" + string(e.RequestID)
		r.mu.Lock()
		req := r.requests[key]
		delete(r.requests, key)
		r.mu.Unlock()
		if e.Canceled || e.ErrorText == "net::ERR_ABORTED" {
			return // a navigation or the page cancelled it: benign
		}
		msg := fmt.Sprintf("[%s] request failed: %s %s %s", b.name, e.ErrorText, req.method, req.url)
		if e.BlockedReason != "" {
			msg += " (blocked: " + string(e.BlockedReason) + ")"
		}
		if e.CorsErrorStatus != nil {
			msg += " (CORS: " + string(e.CorsErrorStatus.CorsError) + ")"
		}
		r.add(problem{kind: kindHTTP, url: req.url, text: msg})
	case *page.EventJavascriptDialogOpening:
		r.mu.Lock()
		r.dialogs = append(r.dialogs, e.Message)
		accept := r.acceptDialog
		r.mu.Unlock()
		// The page is blocked until the dialog is answered; answer it from
		// another goroutine, since the listener must not run commands.
		ctx := b.ctx
		go func() {
			cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			_, _ = chromedp.Call(cctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
		}()
	}
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		switch {
		case len(a.Value) > 0:
			var s string
			if json.Unmarshal([]byte(a.Value), &s) == nil {
				parts = append(parts, s)
			} else {
				parts = append(parts, string(a.Value))
			}
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		case a.Description != "":
			parts = append(parts, firstLine(a.Description))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + firstLine(d.Exception.Description)
	} else if d.Exception != nil && len(d.Exception.Value) > 0 {
		text += " " + string(d.Exception.Value)
	}
	url := d.URL
	if url == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		url = d.StackTrace.CallFrames[0].URL
	}
	if url != "" {
		text += fmt.Sprintf(" (%s:%d)", url, d.LineNumber+1)
	}
	return text
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 || st.CallFrames[0].URL == "" {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func abbrev(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
