package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/internal/demotest"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/web"
)

// crawlLimit bounds the pages one role visits in one language.
const crawlLimit = 400

// crawlPerPattern bounds how many URLs of one shape (the path with its
// numbers blanked and the query's names) a crawl visits, so that the
// bound is spent on different pages rather than on 500 region pages.
const crawlPerPattern = 6

// crawlRoles are the demo accounts the crawl logs in as ("" is the public).
var crawlRoles = []struct{ name, username string }{
	{"public", ""},
	{"national-admin", "kemendagri.admin"},
	{"province-admin", "jabar.admin"},
	{"regency-admin", "kotabandung.admin"},
	{"regency-viewer", "kotabandung.peninjau"},
	{"third-party", "mitra.kampus"},
}

// TestCrawlAsNewUser starts Jalin with the demo data and, as the public
// and as each demo role, in Indonesian and in English, follows every
// same-site link and GET form breadth-first from the home page. It fails
// on any 5xx, on a 404 behind a link the server rendered, on a raw i18n
// key shown on a page, on Indonesian UI text on an English page, and on
// any audit record written by the GETs (a GET must not change anything).
func TestCrawlAsNewUser(t *testing.T) {
	if testing.Short() {
		t.Skip("crawl is long")
	}
	geoDir := crawlSharedData(t)
	cat := i18n.MustLoad()
	chk := newPageChecker(cat)
	for _, engine := range sqlstoretest.Engines {
		t.Run(engine, func(t *testing.T) {
			if engine == "postgres" && os.Getenv(sqlstoretest.EnvPostgres) == "" {
				t.Skip(sqlstoretest.EnvPostgres + " unset")
			}
			a := demotest.Start(t, engine, geoDir)
			ctx := context.Background()
			before := auditCount(t, a.DB)
			reached := map[string]bool{}
			for _, role := range crawlRoles {
				for _, lang := range []string{"id", "en"} {
					t.Run(role.name+"/"+lang, func(t *testing.T) {
						c := &crawler{t: t, base: a.URL(), lang: lang, chk: chk, reached: reached}
						c.client = crawlClient(t, ctx, a, role.username, lang)
						n := c.run()
						t.Logf("%d pages", n)
					})
				}
			}
			logUnreached(t, reached)
			if after := auditCount(t, a.DB); after != before {
				recs, _, _ := a.DB.AuditList(ctx, access.Scope{All: true}, sqlstore.AuditFilter{Limit: after - before})
				for _, r := range recs {
					t.Errorf("a GET wrote an audit record: %+v", r)
				}
				t.Errorf("audit records went from %d to %d during the crawl", before, after)
			}
		})
	}
}

// logUnreached lists the page routes no crawl reached, to show what the
// crawl does not cover (pages behind a POST or a typed-in query).
func logUnreached(t *testing.T, reached map[string]bool) {
	mux := http.NewServeMux()
	var pages []string
	for _, rt := range new(web.Server).Routes() {
		if rt.API || rt.Method != "GET" {
			continue
		}
		mux.HandleFunc("GET "+rt.Pattern, func(http.ResponseWriter, *http.Request) {})
		pages = append(pages, "GET "+rt.Pattern)
	}
	hit := map[string]bool{}
	for p := range reached {
		r, err := http.NewRequest("GET", p, nil)
		if err != nil {
			continue
		}
		_, pattern := mux.Handler(r)
		hit[pattern] = true
	}
	var missed []string
	for _, p := range pages {
		if !hit[p] {
			missed = append(missed, p)
		}
	}
	t.Logf("the crawl reached %d of %d page routes; not reached: %s", len(pages)-len(missed), len(pages), strings.Join(missed, ", "))
}

func crawlSharedData(t *testing.T) string {
	dir := os.Getenv("JALIN_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, "geo")); err != nil {
		t.Skipf("shared geography absent at %s; set JALIN_SHARED_DATA", dir)
	}
	return dir
}

func auditCount(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	_, n, err := db.AuditList(context.Background(), access.Scope{All: true}, sqlstore.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// crawlClient is a browser for username (the public when empty) that
// speaks lang: a session made directly in the database and the language
// cookie the language switch sets.
func crawlClient(t *testing.T, ctx context.Context, a *app.App, username, lang string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(a.URL())
	cookies := []*http.Cookie{{Name: "lang", Value: lang, Path: "/"}}
	if username != "" {
		user, err := a.DB.UserForLogin(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		raw, hash := auth.NewSessionID()
		now := a.DB.Now()
		if err := a.DB.CreateSession(ctx, sqlstore.Session{IDHash: hash, UserID: user.ID, CSRF: auth.NewCSRFToken(),
			CreatedAt: now, ExpiresAt: now.Add(time.Hour), LastSeenAt: now}); err != nil {
			t.Fatal(err)
		}
		cookies = append(cookies, &http.Cookie{Name: "jalin_session", Value: raw, Path: "/"})
	}
	jar.SetCookies(u, cookies)
	return &http.Client{Jar: jar, Timeout: time.Minute}
}

type crawler struct {
	t        *testing.T
	reached  map[string]bool // paths fetched, for logUnreached
	switches map[string]bool // language switch links checked
	base     string
	lang     string
	chk      *pageChecker
	client   *http.Client
}

type crawlLink struct {
	url  string // path and query
	from string // the page that rendered it ("" for the start)
}

func (c *crawler) run() int {
	queue := []crawlLink{{url: "/"}}
	seen := map[string]bool{"/": true}
	shapes := map[string]int{}
	visited := 0
	for len(queue) > 0 && visited < crawlLimit {
		l := queue[0]
		queue = queue[1:]
		visited++
		c.reached[strings.SplitN(l.url, "?", 2)[0]] = true
		body, final, ok := c.fetch(l)
		if !ok {
			continue
		}
		for _, next := range c.links(final, body) {
			if seen[next] {
				continue
			}
			seen[next] = true
			shape := urlShape(next)
			if shapes[shape] >= crawlPerPattern {
				continue
			}
			shapes[shape]++
			queue = append(queue, crawlLink{url: next, from: l.url})
		}
	}
	return visited
}

// fetch GETs one link and checks it; it returns the body and final URL of
// an HTML page worth parsing.
func (c *crawler) fetch(l crawlLink) (string, *url.URL, bool) {
	t := c.t
	res, err := c.client.Get(c.base + l.url)
	if err != nil {
		t.Errorf("GET %s (from %s): %v", l.url, l.from, err)
		return "", nil, false
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	switch {
	case res.StatusCode >= 500:
		t.Errorf("GET %s (from %s): %d\n%s", l.url, l.from, res.StatusCode, snippet(string(b)))
		return "", nil, false
	case res.StatusCode == http.StatusNotFound && l.from != "":
		t.Errorf("broken link: %s on %s leads to 404", l.url, l.from)
		return "", nil, false
	case res.StatusCode >= 400:
		c.t.Logf("GET %s (from %s): %d", l.url, l.from, res.StatusCode)
		return "", nil, false
	}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		return "", nil, false // downloads, images, JSON, scripts
	}
	page := string(b)
	for _, p := range c.chk.check(page, c.lang) {
		t.Errorf("%s (from %s): %s", l.url, l.from, p)
	}
	return page, res.Request.URL, true
}

var (
	reAnchor = regexp.MustCompile(`(?is)<a\b([^>]*)>`)
	reHxGet  = regexp.MustCompile(`(?is)\shx-get="([^"]*)"`)
	reAsset  = regexp.MustCompile(`(?is)<(?:link|script|img)\b[^>]*\s(?:href|src)="([^"]*)"`)
	reForm   = regexp.MustCompile(`(?is)<form\b([^>]*)>(.*?)</form>`)
	reInput  = regexp.MustCompile(`(?is)<input\b([^>]*)>`)
	reSelect = regexp.MustCompile(`(?is)<select\b([^>]*)>(.*?)</select>`)
	reOption = regexp.MustCompile(`(?is)<option\b([^>]*)>([^<]*)`)
)

// attr returns the value of the attribute name in a tag's attribute text.
func attr(tag, name string) (string, bool) {
	re := regexp.MustCompile(`(?is)(?:^|\s)` + regexp.QuoteMeta(name) + `(?:="([^"]*)"|\s|$)`)
	m := re.FindStringSubmatch(tag)
	if m == nil {
		return "", false
	}
	return html.UnescapeString(m[1]), true
}

// links returns the same-site GET targets a page offers, as path?query.
func (c *crawler) links(page *url.URL, body string) []string {
	var raw []string
	for _, m := range reAnchor.FindAllStringSubmatch(body, -1) {
		if h, ok := attr(m[1], "href"); ok {
			raw = append(raw, h)
		}
	}
	for _, m := range reHxGet.FindAllStringSubmatch(body, -1) {
		raw = append(raw, html.UnescapeString(m[1]))
	}
	for _, m := range reAsset.FindAllStringSubmatch(body, -1) {
		raw = append(raw, html.UnescapeString(m[1]))
	}
	var out []string
	add := func(h string) {
		if u := c.resolve(page, h); u != "" {
			out = append(out, u)
		}
	}
	for _, h := range raw {
		add(h)
	}
	for _, m := range reForm.FindAllStringSubmatch(body, -1) {
		if method, _ := attr(m[1], "method"); method != "" && !strings.EqualFold(method, "get") {
			continue
		}
		action, _ := attr(m[1], "action")
		if action == "" {
			action = page.Path
		}
		q := url.Values{}
		for _, in := range reInput.FindAllStringSubmatch(m[2], -1) {
			name, _ := attr(in[1], "name")
			typ, _ := attr(in[1], "type")
			typ = strings.ToLower(typ)
			if name == "" || typ == "submit" || typ == "button" || typ == "file" {
				continue
			}
			if typ == "checkbox" || typ == "radio" {
				if _, on := attr(in[1], "checked"); !on {
					continue
				}
			}
			v, _ := attr(in[1], "value")
			if typ == "checkbox" && v == "" {
				v = "on"
			}
			q.Add(name, v)
		}
		for _, s := range reSelect.FindAllStringSubmatch(m[2], -1) {
			name, _ := attr(s[1], "name")
			if name == "" {
				continue
			}
			opts := reOption.FindAllStringSubmatch(s[2], -1)
			if len(opts) == 0 {
				continue
			}
			pick := opts[0]
			for _, o := range opts {
				if _, sel := attr(o[1], "selected"); sel {
					pick = o
					break
				}
			}
			v, ok := attr(pick[1], "value")
			if !ok {
				v = strings.TrimSpace(html.UnescapeString(pick[2]))
			}
			q.Add(name, v)
		}
		u, err := url.Parse(action)
		if err != nil {
			c.t.Errorf("%s: form action %q: %v", page, action, err)
			continue
		}
		u.RawQuery = q.Encode()
		add(u.String())
	}
	return out
}

// checkSwitch follows a language switch link without keeping its cookie
// and checks that it answers with a redirect to a page of this site.
func (c *crawler) checkSwitch(page, u *url.URL) {
	if c.switches == nil {
		c.switches = map[string]bool{}
	}
	if c.switches[u.String()] {
		return
	}
	c.switches[u.String()] = true
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(u.String())
	if err != nil {
		c.t.Errorf("language switch %s on %s: %v", u, page.RequestURI(), err)
		return
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || err != nil || loc.Host != "" || !strings.HasPrefix(loc.Path, "/") {
		c.t.Errorf("language switch %s on %s: %d to %q", u.RequestURI(), page.RequestURI(), res.StatusCode, res.Header.Get("Location"))
		return
	}
	if next := loc.RequestURI(); next != page.RequestURI() {
		c.t.Errorf("language switch %s on %s leads to %s, not back to the page", u.RequestURI(), page.RequestURI(), next)
	}
}

// resolve turns an href into a path?query to crawl, or "" to skip it.
func (c *crawler) resolve(page *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "javascript:") ||
		strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "tel:") {
		return ""
	}
	ref, err := url.Parse(href)
	if err != nil {
		c.t.Errorf("%s: bad link %q: %v", page, href, err)
		return ""
	}
	u := page.ResolveReference(ref)
	if u.Host != page.Host || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	if u.Path == "/logout" || strings.HasSuffix(u.Path, "/logout") {
		return ""
	}
	if strings.HasPrefix(u.Path, "/lang/") {
		// The language switch would change the crawl's language; it
		// must only lead back to a page of this site.
		c.checkSwitch(page, u)
		return ""
	}
	q := u.Query()
	if l := q.Get("lang"); l != "" && l != c.lang {
		return "" // the language switch; the other crawl covers that language
	}
	u.Fragment = ""
	u.RawQuery = q.Encode()
	if u.RawQuery == "" {
		return u.Path
	}
	return u.Path + "?" + u.RawQuery
}

var reDigits = regexp.MustCompile(`[0-9]+`)

// urlShape is a URL with its numbers blanked and only its query's names.
func urlShape(u string) string {
	p, q, _ := strings.Cut(u, "?")
	vals, _ := url.ParseQuery(q)
	var names []string
	for k := range vals {
		names = append(names, k)
	}
	sort.Strings(names)
	return reDigits.ReplaceAllString(p, "N") + "?" + strings.Join(names, "&")
}

func snippet(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// pageChecker finds untranslated text in a rendered page.
type pageChecker struct {
	prefixes  map[string]bool   // first segments of the catalog's keys
	idOnly    map[string]string // Indonesian UI text that has an English translation -> its key
	idFormats []idFormat        // the same for messages with arguments
}

type idFormat struct {
	key string
	re  *regexp.Regexp
}

// reSep splits a text where Jalin joins messages: "Title · Jalin".
var reSep = regexp.MustCompile(` · | — `)

var reVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

func newPageChecker(cat *i18n.Catalog) *pageChecker {
	pc := &pageChecker{prefixes: map[string]bool{}, idOnly: map[string]string{}}
	english := map[string]bool{}
	for _, k := range cat.Keys(i18n.EN) {
		english[cat.T(i18n.EN, k)] = true
	}
	for _, k := range cat.Keys(i18n.ID) {
		p, _, _ := strings.Cut(k, ".")
		pc.prefixes[p] = true
		id, en := cat.T(i18n.ID, k), cat.T(i18n.EN, k)
		if id == en || english[id] || strings.Contains(id, "%") || len([]rune(id)) < 4 {
			continue
		}
		pc.idOnly[id] = k
	}
	// Messages with arguments match with any argument.
	for _, k := range cat.Keys(i18n.ID) {
		id, en := cat.T(i18n.ID, k), cat.T(i18n.EN, k)
		if id == en || !strings.Contains(id, "%") {
			continue
		}
		parts := reVerb.Split(id, -1)
		letters := 0
		for i, p := range parts {
			letters += len(strings.TrimSpace(p))
			parts[i] = regexp.QuoteMeta(p)
		}
		if letters < 12 {
			continue
		}
		pc.idFormats = append(pc.idFormats, idFormat{k, regexp.MustCompile("^" + strings.Join(parts, ".+?") + "$")})
	}
	return pc
}

var (
	// Scripts are not text, and <code> shows technical identifiers such as
	// the audit trail's action codes ("cooperation.create") on purpose.
	reScript = regexp.MustCompile(`(?is)<(script|style|template|code)\b.*?</(script|style|template|code)>`)
	reText   = regexp.MustCompile(`>([^<]+)<`)
	reUIAttr = regexp.MustCompile(`(?is)\s(?:placeholder|title|aria-label|alt)="([^"]*)"`)
	reKey    = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:\.[a-z0-9]+(?:_[a-z0-9]+)*)+\b`)
)

var (
	reHTMLLang = regexp.MustCompile(`<html[^>]*\slang="([^"]*)"`)
	reControl  = regexp.MustCompile(`(?is)<(button|label|th|legend|summary|caption|option)\b[^>]*>(.*?)</(?:button|label|th|legend|summary|caption|option)>`)
	reTag      = regexp.MustCompile(`(?s)<[^>]*>`)
)

// indonesianWords are common words of Jalin's Indonesian UI that English
// never uses.
var indonesianWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("yang tidak untuk dengan belum sudah semua simpan kembali tambah hapus ubah cari dari atau dan ke pada oleh tahun jumlah daftar baru lihat unduh kirim batal tanggal nama wilayah kerja sama pihak") {
		indonesianWords[w] = true
	}
}

// technical are identifiers shown on purpose that look like keys: the
// audit trail's example action code in its filter's placeholder.
var technical = map[string]bool{"user.update": true}

// check lists the problems in a page rendered in lang.
func (pc *pageChecker) check(page, lang string) []string {
	page = reScript.ReplaceAllString(page, "")
	var texts []string
	for _, m := range reText.FindAllStringSubmatch(page, -1) {
		if s := strings.TrimSpace(html.UnescapeString(m[1])); s != "" {
			texts = append(texts, s)
		}
	}
	for _, m := range reUIAttr.FindAllStringSubmatch(page, -1) {
		if s := strings.TrimSpace(html.UnescapeString(m[1])); s != "" {
			texts = append(texts, s)
		}
	}
	var problems []string
	seen := map[string]bool{}
	if m := reHTMLLang.FindStringSubmatch(page); m == nil || m[1] != lang {
		if strings.Contains(page, "<html") {
			problems = append(problems, fmt.Sprintf("<html lang> is not %q", lang))
		}
	}
	report := func(p string) {
		if !seen[p] {
			seen[p] = true
			problems = append(problems, p)
		}
	}
	for _, s := range texts {
		for _, bad := range []string{"%!", "<no value>", "(MISSING)", "map[", "0001-01-01"} {
			if strings.Contains(s, bad) {
				report(fmt.Sprintf("template or format slip %q in %q", bad, s))
			}
		}
		for _, k := range reKey.FindAllString(s, -1) {
			p, _, _ := strings.Cut(k, ".")
			if pc.prefixes[p] && !technical[k] && !strings.Contains(s, "@") {
				report(fmt.Sprintf("raw i18n key %q in %q", k, s))
			}
		}
		if lang == "en" {
			for _, part := range reSep.Split(s, -1) {
				if k, ok := pc.idOnly[strings.TrimSpace(part)]; ok {
					report(fmt.Sprintf("Indonesian text %q (%s) on an English page", s, k))
				}
			}
			for _, f := range pc.idFormats {
				if f.re.MatchString(s) {
					report(fmt.Sprintf("Indonesian text %q (%s) on an English page", s, f.key))
				}
			}
		}
	}
	if lang == "en" {
		// Controls and table headings are UI, never data: Indonesian words in
		// them are text the templates or handlers did not translate.
		for _, m := range reControl.FindAllStringSubmatch(page, -1) {
			s := strings.TrimSpace(html.UnescapeString(reTag.ReplaceAllString(m[2], " ")))
			for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
				if indonesianWords[w] {
					report(fmt.Sprintf("Indonesian word %q in <%s> %q on an English page", w, m[1], s))
				}
			}
		}
	}
	return problems
}

// TestPageChecker shows the crawl's checks catch what they look for, so
// that a passing crawl means something.
func TestPageChecker(t *testing.T) {
	pc := newPageChecker(i18n.MustLoad())
	page := `<nav aria-label="Navigasi utama"><a href="/">Beranda</a></nav><p>nav.no_such_key</p><code>cooperation.create</code>`
	got := pc.check(page, "en")
	if len(got) != 3 {
		t.Errorf("English page with Indonesian text and a raw key: %q", got)
	}
	if got := pc.check(page, "id"); len(got) != 1 {
		t.Errorf("Indonesian page with a raw key: %q", got)
	}
	if got := pc.check(`<nav aria-label="Main navigation"><a href="/">Home</a></nav>`, "en"); len(got) != 0 {
		t.Errorf("clean English page: %q", got)
	}
}
