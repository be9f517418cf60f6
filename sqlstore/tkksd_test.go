package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// tkksdFixture is fixture plus a second regency of Jawa Barat (32.04).
func tkksdFixture(t *testing.T, db *sqlstore.DB) *testClock {
	t.Helper()
	return fixtureWith(t, db, region.Region{Code: "32.04", Name: "Kabupaten Bandung", Level: region.Regency,
		Kind: region.KindKabupaten, Parent: "32"})
}

func assistance() tkksd.Meeting {
	start := t0.Add(48 * time.Hour)
	return tkksd.Meeting{Host: "32", Kind: tkksd.Assistance, Title: "Asistensi KSDD persampahan", Agenda: "Pemetaan",
		Mode: tkksd.Hybrid, Venue: "Gedung Sate", Link: "https://meet.example/x", Start: start,
		End: start.Add(2 * time.Hour), Invited: []string{"32.73", "32.04"}}
}

func TestMeetingStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		tkksdFixture(t, db)
		meta := sqlstore.AuditMeta{Actor: access.Actor{UserID: 0, Name: "jabar", Role: access.ProvinceAdmin, Region: "32"}}
		audits := auditCount(t, db)
		m, err := db.CreateMeeting(ctx, assistance(), meta)
		if err != nil {
			t.Fatal(err)
		}
		if m.ID == 0 || m.Version != 1 || auditCount(t, db) != audits+1 {
			t.Fatalf("created %+v, audits %d→%d", m, audits, auditCount(t, db))
		}
		bad := assistance()
		bad.Invited = []string{"99.99"}
		_, err = db.CreateMeeting(ctx, bad, meta)
		wantCode(t, err, jalin.EInvalid, "tkksd.region_unknown", "invited_regions")
		if auditCount(t, db) != audits+1 {
			t.Fatal("a refused meeting left an audit record")
		}

		for _, c := range []struct {
			scope access.Scope
			sees  bool
		}{{national, true}, {prov32, true}, {city3273, true}, {access.Scope{Prefix: "32.04"}, true},
			{access.Scope{Prefix: "35"}, false}, {access.Scope{Prefix: "35.78"}, false}, {access.Scope{}, false}} {
			got, err := db.GetMeeting(ctx, c.scope, m.ID)
			if c.sees && (err != nil || got.Title != m.Title || !got.Start.Equal(m.Start)) {
				t.Errorf("scope %+v: %v %+v", c.scope, err, got)
			}
			if !c.sees {
				wantNotFound(t, err)
			}
			list, err := db.Meetings(ctx, c.scope, t0, time.Time{}, 0)
			if err != nil || (len(list) == 1) != c.sees {
				t.Errorf("scope %+v lists %d meetings (%v)", c.scope, len(list), err)
			}
		}

		attend := func(m *tkksd.Meeting) error {
			m.Attendance = []tkksd.Attendee{
				{Region: "32", Name: "Kabag KS Jabar", Presence: tkksd.InRoom},
				{Region: "32.73", Name: "Sekretaris TKKSD Kota Bandung", Presence: tkksd.InRoom},
				{Region: "32.04", Name: "Sekretaris TKKSD Kab. Bandung", Presence: tkksd.Remote},
			}
			m.Minutes = "Disepakati jadwal penyusunan KB."
			return nil
		}
		m2, err := db.UpdateMeeting(ctx, prov32, m.ID, m.Version, "minutes", attend, meta)
		if err != nil || m2.Version != 2 || len(m2.Attendance) != 3 {
			t.Fatalf("update: %v %+v", err, m2)
		}
		_, err = db.UpdateMeeting(ctx, prov32, m.ID, m.Version, "minutes", attend, meta)
		wantCode(t, err, jalin.EConflict, "error.stale", "version")
		_, err = db.UpdateMeeting(ctx, prov32, m.ID, m2.Version, "minutes", func(m *tkksd.Meeting) error {
			m.Attendance = append(m.Attendance, tkksd.Attendee{Region: "35.78", Name: "Tamu", Presence: tkksd.InRoom})
			return nil
		}, meta)
		wantCode(t, err, jalin.EInvalid, "tkksd.attendee_region", "attendance.3.region_code")
		got, _ := db.GetMeeting(ctx, national, m.ID)
		if got.Version != 2 || len(got.Attendance) != 3 || got.Minutes == "" {
			t.Fatalf("refused change was kept: %+v", got)
		}
		_, err = db.UpdateMeeting(ctx, access.Scope{Prefix: "35"}, m.ID, m2.Version, "minutes", attend, meta)
		wantNotFound(t, err)
	})
}

func TestActionStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := tkksdFixture(t, db)
		ani := mustUser(t, db, "ani", access.RegencyMember, "32.73", 0)
		budi := mustUser(t, db, "budi", access.RegencyMember, "32.73", 0)
		other := mustUser(t, db, "citra", access.RegencyMember, "32.04", 0)
		meta := sqlstore.AuditMeta{Actor: access.Actor{Name: "jabar", Role: access.ProvinceAdmin, Region: "32"}}
		m, err := db.CreateMeeting(ctx, assistance(), meta)
		if err != nil {
			t.Fatal(err)
		}
		ok := func(tkksd.Meeting) error { return nil }
		due := workday.NewDate(2025, 3, 10)
		add := func(x tkksd.Action) tkksd.Action {
			t.Helper()
			out, err := db.AddAction(ctx, prov32, m.ID, x, ok, meta)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		a1 := add(tkksd.Action{Title: "Kirim draf KB", OwnerRegion: "32.73", OwnerUserID: ani.ID, OwnerName: ani.DisplayName, Due: due})
		a2 := add(tkksd.Action{Title: "Data TPA", OwnerRegion: "32.04", Due: due.AddDays(5)})
		a3 := add(tkksd.Action{Title: "Surat undangan", OwnerRegion: "32.73", OwnerUserID: ani.ID, Due: due.AddDays(1)})
		_, err = db.AddAction(ctx, prov32, m.ID, tkksd.Action{Title: "x", OwnerRegion: "35.78", Due: due}, ok, meta)
		wantCode(t, err, jalin.EInvalid, "tkksd.owner_region_absent", "owner_region")
		_, err = db.AddAction(ctx, prov32, m.ID, tkksd.Action{Title: "x", OwnerRegion: "32.73", Due: due, CooperationID: 999}, ok, meta)
		wantCode(t, err, jalin.EInvalid, "tkksd.cooperation_unknown", "cooperation_id")
		_, err = db.AddAction(ctx, access.Scope{Prefix: "35"}, m.ID, tkksd.Action{Title: "x", OwnerRegion: "32.73", Due: due}, ok, meta)
		wantNotFound(t, err)

		list := func(scope access.Scope, f sqlstore.ActionFilter) []int64 {
			t.Helper()
			xs, err := db.Actions(ctx, scope, f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, x := range xs {
				ids = append(ids, x.ID)
			}
			return ids
		}
		// The regency sees its own actions and, through the meeting, the
		// others' (it attended); a region outside sees none.
		if got := list(city3273, sqlstore.ActionFilter{OwnerIn: "32.73"}); len(got) != 2 || got[0] != a1.ID || got[1] != a3.ID {
			t.Errorf("own actions of 32.73 = %v", got)
		}
		if got := list(prov32, sqlstore.ActionFilter{MeetingID: m.ID}); len(got) != 3 {
			t.Errorf("meeting actions = %v", got)
		}
		if got := list(access.Scope{Prefix: "35"}, sqlstore.ActionFilter{}); len(got) != 0 {
			t.Errorf("outside region sees %v", got)
		}

		clock.Advance(time.Hour)
		done, err := db.UpdateAction(ctx, city3273, a1.ID, a1.Version, "status", func(x *tkksd.Action, _ tkksd.Meeting) error {
			return x.SetStatus(tkksd.Done, "Terkirim", db.Now())
		}, meta)
		if err != nil || done.Status != tkksd.Done || done.Version != 2 || done.ClosedAt == nil {
			t.Fatalf("close: %v %+v", err, done)
		}
		_, err = db.UpdateAction(ctx, city3273, a1.ID, a1.Version, "status", func(x *tkksd.Action, _ tkksd.Meeting) error {
			return x.SetStatus(tkksd.Cancelled, "x", db.Now())
		}, meta)
		wantCode(t, err, jalin.EConflict, "error.stale", "version")
		if got := list(city3273, sqlstore.ActionFilter{OwnerIn: "32.73", OpenOnly: true}); len(got) != 1 || got[0] != a3.ID {
			t.Errorf("open actions of 32.73 after closing one = %v", got)
		}

		// Ani leaves: her open action (a3) goes to Budi; the closed one stays hers.
		_, err = db.HandOver(ctx, city3273, "32.73", ani.ID, other.ID, "x", "mutasi", meta)
		wantCode(t, err, jalin.EInvalid, "tkksd.handover_user_unknown", "to_user_id")
		_, err = db.HandOver(ctx, city3273, "32.73", ani.ID, budi.ID, "Budi", "", meta)
		wantCode(t, err, jalin.EInvalid, "tkksd.handover_reason_required", "reason")
		_, err = db.HandOver(ctx, access.Scope{Prefix: "32.04"}, "32.73", ani.ID, budi.ID, "Budi", "mutasi", meta)
		wantNotFound(t, err)
		before := auditCount(t, db)
		h, err := db.HandOver(ctx, city3273, "32.73", ani.ID, budi.ID, "Budi", "mutasi", meta)
		if err != nil || len(h.ActionIDs) != 1 || h.ActionIDs[0] != a3.ID || h.ID == 0 {
			t.Fatalf("handover: %v %+v", err, h)
		}
		if auditCount(t, db) != before+2 {
			t.Errorf("handover audited %d records, want 2", auditCount(t, db)-before)
		}
		hs, err := db.Handovers(ctx, prov32, "32.73")
		if err != nil || len(hs) != 1 || hs[0].From != ani.ID || hs[0].To != budi.ID || len(hs[0].ActionIDs) != 1 || hs[0].Reason != "mutasi" {
			t.Fatalf("handover record %v %+v", err, hs)
		}
		_, err = db.Handovers(ctx, access.Scope{Prefix: "32.04"}, "32.73")
		wantNotFound(t, err)
		x3, _, err := db.GetAction(ctx, city3273, a3.ID)
		x1, _, _ := db.GetAction(ctx, city3273, a1.ID)
		if err != nil || x3.OwnerUserID != budi.ID || x3.OwnerName != "Budi" || x3.Version != 2 || x1.OwnerUserID != ani.ID {
			t.Errorf("after handover a3 %+v, a1 owner %d", x3, x1.OwnerUserID)
		}
		_ = a2
	})
}

func TestTeamStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		tkksdFixture(t, db)
		sec := mustUser(t, db, "sekretaris", access.RegencyAdmin, "32.73", 0)
		far := mustUser(t, db, "jauh", access.RegencyAdmin, "35.78", 0)
		team := func(number string, user int64) tkksd.Team {
			return tkksd.Team{Region: "32.73", DecreeNumber: number, DecreeDate: workday.NewDate(2024, 1, 2),
				TermStart: workday.NewDate(2024, 1, 2), Seats: []tkksd.Seat{
					{Position: tkksd.Chair, Name: "Sekda", Office: "Setda"},
					{Position: tkksd.Secretary, Name: "Kabag KS", Office: "Bagian Kerja Sama", UserID: user},
				}}
		}
		first, err := db.SetTeam(ctx, city3273, team("1/2024", sec.ID), 0, admin)
		if err != nil || !first.Current {
			t.Fatal(err, first)
		}
		_, err = db.SetTeam(ctx, city3273, team("2/2024", sec.ID), 0, admin)
		wantCode(t, err, jalin.EConflict, "error.stale", "version")
		_, err = db.SetTeam(ctx, city3273, team("2/2024", far.ID), first.Version, admin)
		wantCode(t, err, jalin.EInvalid, "tkksd.seat_user_unknown", "seats.1.user_id")
		_, err = db.SetTeam(ctx, access.Scope{Prefix: "35"}, team("2/2024", sec.ID), first.Version, admin)
		wantNotFound(t, err)
		second, err := db.SetTeam(ctx, city3273, team("2/2024", sec.ID), first.Version, admin)
		if err != nil {
			t.Fatal(err)
		}
		teams, err := db.Teams(ctx, prov32, "32.73")
		if err != nil || len(teams) != 2 || teams[0].ID != second.ID || !teams[0].Current || teams[1].Current ||
			teams[1].DecreeNumber != "1/2024" || teams[0].Seats[1].UserID != sec.ID {
			t.Fatalf("teams: %v %+v", err, teams)
		}
		regs, err := db.TeamRegions(ctx, prov32)
		if err != nil || !regs["32.73"] || regs["32.04"] || len(regs) != 1 {
			t.Errorf("team regions %v %v", regs, err)
		}
	})
}

func TestMappingStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		tkksdFixture(t, db)
		m, err := db.GetMapping(ctx, city3273, "32.73")
		if err != nil || m.Version != 0 || len(m.Entries) != 0 {
			t.Fatalf("empty mapping: %v %+v", err, m)
		}
		entries := []tkksd.MappingEntry{
			{Urusan: "1.03", Offer: "TPA", Priority: 2},
			{Urusan: "1.01", Need: "Guru", Priority: 1},
		}
		_, err = db.SaveMapping(ctx, city3273, "32.73", 0, []tkksd.MappingEntry{{Urusan: "1.03", Priority: 1}}, false, admin)
		wantCode(t, err, jalin.EInvalid, "tkksd.offer_or_need", "offer")
		_, err = db.SaveMapping(ctx, city3273, "32.73", 0, append(entries, entries[0]), false, admin)
		wantCode(t, err, jalin.EInvalid, "tkksd.urusan_twice", "urusan")
		draft, err := db.SaveMapping(ctx, city3273, "32.73", 0, entries, false, admin)
		if err != nil || draft.Version != 1 || draft.Submitted != nil {
			t.Fatalf("draft: %v %+v", err, draft)
		}
		mapped, err := db.MappedUrusan(ctx, []string{"32.73"})
		if err != nil || len(mapped["32.73"]) != 0 {
			t.Fatalf("a draft counts as mapped: %v %v", mapped, err)
		}
		_, err = db.SaveMapping(ctx, city3273, "32.73", 0, entries, true, admin)
		wantCode(t, err, jalin.EConflict, "error.stale", "version")
		sub, err := db.SaveMapping(ctx, city3273, "32.73", 1, entries, true, admin)
		if err != nil || sub.Submitted == nil || sub.Version != 2 {
			t.Fatalf("submit: %v %+v", err, sub)
		}
		if _, err := db.SaveMapping(ctx, access.Scope{Prefix: "32.04"}, "32.04", 0,
			[]tkksd.MappingEntry{{Urusan: "1.03", Need: "Lahan TPA", Priority: 1}}, true, admin); err != nil {
			t.Fatal(err)
		}
		_, err = db.SaveMapping(ctx, city3273, "32.04", 1, entries, true, admin)
		wantNotFound(t, err)
		mapped, err = db.MappedUrusan(ctx, []string{"32.73", "35.78"})
		if err != nil || !mapped["32.73"]["1.03"] || !mapped["32.73"]["1.01"] || len(mapped["35.78"]) != 0 {
			t.Fatalf("mapped: %v %v", mapped, err)
		}
		status, all, err := db.MappingOverview(ctx, prov32)
		if err != nil || len(status) != 2 || status[0].Region != "32.04" || status[1].Entries != 2 || len(all) != 3 {
			t.Fatalf("overview: %v %+v %+v", err, status, all)
		}
		matches := tkksd.Matches(all)
		if len(matches) != 1 || matches[0].OfferRegion != "32.73" || matches[0].NeedRegion != "32.04" {
			t.Errorf("matches %+v", matches)
		}
		status, _, _ = db.MappingOverview(ctx, access.Scope{Prefix: "35"})
		if len(status) != 0 {
			t.Errorf("Jawa Timur sees %+v", status)
		}
		got, _ := db.GetMapping(ctx, prov32, "32.73")
		if got.Version != 2 || len(got.Entries) != 2 || got.Entries[0].Urusan != "1.01" {
			t.Errorf("read back %+v", got)
		}
		// A draft saved over a submitted mapping is a draft: the rules do
		// not read it as submitted until it is sent again.
		draft2, err := db.SaveMapping(ctx, city3273, "32.73", 2, append(entries, tkksd.MappingEntry{Urusan: "2.09", Need: "Cadangan pangan", Priority: 2}), false, admin)
		if err != nil || draft2.Submitted != nil {
			t.Fatalf("draft over a submission: %v %+v", err, draft2)
		}
		if mapped, _ := db.MappedUrusan(ctx, []string{"32.73"}); len(mapped["32.73"]) != 0 {
			t.Errorf("a draft counts as submitted: %v", mapped)
		}
	})
}

func TestConsiderationStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		coopFixture(t, db)
		c := mustCoop(t, db, newCoop("Persampahan", regionParty("32.73", true), regionParty("32.04", false)))
		m, err := db.CreateMeeting(ctx, tkksd.Meeting{Host: "32.73", Kind: tkksd.Internal, Title: "Rapat TKKSD",
			Mode: tkksd.Offline, Venue: "Balai Kota", Start: t0.Add(-48 * time.Hour), End: t0.Add(-46 * time.Hour)}, admin)
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.CreateMeeting(ctx, tkksd.Meeting{Host: "35.78", Kind: tkksd.Internal, Title: "Rapat Surabaya",
			Mode: tkksd.Offline, Venue: "Balai Kota", Start: t0.Add(-48 * time.Hour), End: t0.Add(-46 * time.Hour)}, admin)
		if err != nil {
			t.Fatal(err)
		}
		good := tkksd.Consideration{CooperationID: c.ID, Region: "32.73", Recommendation: tkksd.Proceed,
			Reasoning: "KAK lengkap dan sesuai RPJMD", DecidedBy: "Ketua TKKSD", DecidedOn: workday.NewDate(2025, 2, 27), MeetingID: m.ID}
		bad := good
		bad.Region = "35.78"
		_, err = db.AddConsideration(ctx, national, bad, admin)
		wantCode(t, err, jalin.EInvalid, "tkksd.not_a_party", "region_code")
		bad = good
		bad.MeetingID = other.ID
		_, err = db.AddConsideration(ctx, city3273, bad, admin)
		wantCode(t, err, jalin.EInvalid, "tkksd.meeting_unknown", "meeting_id")
		bad = good
		bad.DecidedOn = workday.NewDate(2025, 3, 2)
		_, err = db.AddConsideration(ctx, city3273, bad, admin)
		wantCode(t, err, jalin.EInvalid, "tkksd.decided_on_future", "decided_on")
		_, err = db.AddConsideration(ctx, access.Scope{Prefix: "35"}, good, admin)
		wantNotFound(t, err)
		before := auditCount(t, db)
		got, err := db.AddConsideration(ctx, city3273, good, admin)
		if err != nil || got.Stage != "persiapan" || got.ID == 0 || auditCount(t, db) != before+1 {
			t.Fatalf("add: %v %+v", err, got)
		}
		cs, err := db.Considerations(ctx, access.Scope{Prefix: "32.04"}, c.ID)
		if err != nil || len(cs) != 1 || cs[0].MeetingID != m.ID || cs[0].DecidedOn != good.DecidedOn || !tkksd.Supports(cs, "32.73", "persiapan") {
			t.Fatalf("read back %v %+v", err, cs)
		}
		_, err = db.Considerations(ctx, access.Scope{Prefix: "35"}, c.ID)
		wantNotFound(t, err)
	})
}
