package web

import (
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/i18n"
)

// A problem's codes reach the reader as names in the reader's language.
func TestProblemTextNames(t *testing.T) {
	cat := i18n.MustLoad()
	dir := directory(t)
	for _, tc := range []struct {
		lang i18n.Lang
		key  string
		args []any
		want string
		not  []string
	}{
		{i18n.ID, "coop.doc_missing", []any{"kak"}, "Dokumen Kerangka Acuan Kerja (KAK) yang berlaku belum ada.", nil},
		{i18n.ID, "coop.actor_not_allowed", []any{"dispute", "party"}, "Anda tidak berwenang melakukan", []string{"dispute", "(hanya: party)"}},
		{i18n.EN, "coop.wrong_stage", []any{"sign_kb", "pelaksanaan"}, "cannot be taken at stage", []string{"sign_kb", "pelaksanaan"}},
		{i18n.ID, "coop.v02_not_bordering", []any{"32.73", "35.78"}, "Kota Bandung dan Kota Surabaya tidak berbatasan", nil},
		{i18n.ID, "coop.v07_coordination_missing", []any{"national"}, "tingkat Nasional", nil},
		// A code without a name stays as it is.
		{i18n.ID, "coop.v02_not_bordering", []any{"99.99", "32.73"}, "99.99 dan Kota Bandung", nil},
		// Stored notifications of a step name the step, the region or role, and keep the reason.
		{i18n.ID, "notification.coop_event", []any{"Air", "accept_offer", "32.04"},
			`Kerja sama "Air": langkah "Terima penawaran" dicatat oleh Kabupaten Bandung.`, nil},
		{i18n.EN, "notification.coop_event_by_role_reason", []any{"Air", "return_plan", "national_admin", "sasaran belum terukur"},
			`the step "Return for correction" was recorded by`, []string{"return_plan", "national_admin"}},
		{i18n.ID, "notification.coop_event_reason", []any{"Air", "decline_offer", "32.04", "belum dianggarkan"},
			`dicatat oleh Kabupaten Bandung, dengan alasan: belum dianggarkan`, []string{"decline_offer"}},
	} {
		got := cat.T(tc.lang, tc.key, localArgs(cat, dir, tc.lang, tc.key, tc.args)...)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s %v: %q, want %q in it", tc.key, tc.args, got, tc.want)
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("%s %v: %q still has %q", tc.key, tc.args, got, n)
			}
		}
	}
}

// Times read in the user's own zone.
func TestViewTimeInUsersZone(t *testing.T) {
	at := time.Date(2026, 1, 5, 3, 30, 0, 0, time.UTC)
	for region, want := range map[string]string{
		"32.73": "2026-01-05 10:30 WIB", "73.71": "2026-01-05 11:30 WITA", "91.71": "2026-01-05 12:30 WIT", "": "2026-01-05 10:30 WIB",
	} {
		v := &view{Actor: access.Actor{Region: region}}
		if got := v.Time(at); got != want {
			t.Errorf("%q: %s, want %s", region, got, want)
		}
	}
}

// The history names a cooperation step and lists what an action changed.
func TestHistoryChanges(t *testing.T) {
	v := &view{cat: i18n.MustLoad(), Lang: i18n.ID}
	if got := v.ActionName("cooperation.sign_kb"); got == "cooperation.sign_kb" || got == "" {
		t.Errorf("step action named %q", got)
	}
	if got := v.ActionName("user.create"); got != "" {
		t.Errorf("other action named %q", got)
	}
	got := v.Changes([]byte(`{"stage":"penawaran","title":"Air","version":3}`), []byte(`{"stage":"penyusunan_kb","title":"Air","version":4,"published":true}`))
	want := []auditChange{{"published", "", "true"}, {"stage", "penawaran", "penyusunan_kb"}, {"version", "3", "4"}}
	if len(got) != len(want) {
		t.Fatalf("changes %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if v.Changes([]byte(`[1]`), nil) != nil || v.Changes(nil, nil) != nil {
		t.Error("not objects: changes listed")
	}
}
