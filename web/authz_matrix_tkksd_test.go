package web

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

func init() { matrixExtensions = append(matrixExtensions, tkksdMatrix) }

// tkksdFixture holds a meeting of West Java with Kota Bandung and
// Kabupaten Bandung ("in" for the 32 and 32.73 actors) and one of East
// Java with Surabaya ("out"), each with an action of the invited city.
type tkksdFixture struct {
	in, out             tkksd.Meeting
	inAction, outAction tkksd.Action
}

func newTKKSDFixture(f *fixture) tkksdFixture {
	f.t.Helper()
	ctx := context.Background()
	start := f.server.now().Add(72 * time.Hour).Truncate(time.Hour)
	mk := func(host string, invited ...string) tkksd.Meeting {
		m, err := f.db.CreateMeeting(ctx, tkksd.Meeting{Host: host, Kind: tkksd.Assistance, Title: "Asistensi " + host,
			Mode: tkksd.Hybrid, Venue: "Aula", Link: "https://meet.example/" + host, Start: start,
			End: start.Add(2 * time.Hour), Invited: invited}, sys)
		if err != nil {
			f.t.Fatal(err)
		}
		return m
	}
	act := func(m tkksd.Meeting, owner string) tkksd.Action {
		x, err := f.db.AddAction(ctx, access.Scope{All: true}, m.ID, tkksd.Action{Title: "Kirim data", OwnerRegion: owner,
			Due: workday.DateOf(start).AddDays(7)}, func(tkksd.Meeting) error { return nil }, sys)
		if err != nil {
			f.t.Fatal(err)
		}
		return x
	}
	tf := tkksdFixture{in: mk("32", "32.73", "32.04"), out: mk("35", "35.78")}
	tf.inAction, tf.outAction = act(tf.in, "32.73"), act(tf.out, "35.78")
	return tf
}

func (f *fixture) meetingVersion(id int64) string {
	m, err := f.db.GetMeeting(context.Background(), access.Scope{All: true}, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return strconv.FormatInt(m.Version, 10)
}

// actionToggle asks to close action id if open and to reopen it if not, at
// its current version, so that every allowed actor's request succeeds.
func actionToggle(id int64) func(*fixture, string) request {
	return func(f *fixture, _ string) request {
		x, _, err := f.db.GetAction(context.Background(), access.Scope{All: true}, id)
		if err != nil {
			f.t.Fatal(err)
		}
		to := "done"
		if x.Status != tkksd.Open {
			to = "open"
		}
		return request{method: "POST", path: "/tkksd/actions/" + strconv.FormatInt(id, 10) + "/status",
			form: url.Values{"status": {to}, "version": {strconv.FormatInt(x.Version, 10)}}}
	}
}

// tkksdMatrix covers the TKKSD pages: the teams read their own work and a
// province its regencies'; the working roles and the national
// administrator change it; the host runs a meeting, the owner region works
// its action; third parties are not TKKSD members.
func tkksdMatrix(f *fixture) []matrixCase {
	tf := newTKKSDFixture(f)
	in, out := strconv.FormatInt(tf.in.ID, 10), strconv.FormatInt(tf.out.ID, 10)
	const (
		viewHome   = "200 200 200 200 200 200 200 200 403 303"
		manageHome = "200 403 200 200 403 200 200 403 403 303"
		viewIn     = "200 200 200 200 200 200 200 200 404 303"
		viewOut    = "200 200 404 404 404 404 404 404 404 303"
		runIn      = "303 403 303 303 403 403 403 403 404 403"
		runOut     = "303 403 404 404 404 404 404 404 404 403"
		workIn     = "303 403 303 303 403 303 303 403 404 403"
	)
	record := func(id int64) func(*fixture, string) request {
		return func(f *fixture, actor string) request {
			return request{method: "POST", path: "/tkksd/meetings/" + strconv.FormatInt(id, 10) + "/record",
				form: url.Values{"version": {f.meetingVersion(id)}, "minutes": {"Notulen oleh " + actor},
					"att_name": {"Peserta " + actor}, "att_region": {"32.73"}, "att_presence": {"online"}}}
		}
	}
	recordOut := func(f *fixture, actor string) request {
		return request{method: "POST", path: "/tkksd/meetings/" + out + "/record",
			form: url.Values{"version": {f.meetingVersion(tf.out.ID)}, "minutes": {"Notulen " + actor}}}
	}
	addAction := func(id string) func(*fixture, string) request {
		return func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/tkksd/meetings/" + id + "/actions", form: url.Values{
				"title": {"Tindak lanjut " + actor}, "owner_region": {"32.73"}, "due_date": {"2030-01-31"}}}
		}
	}
	return []matrixCase{
		{"GET /tkksd", "desk", getReq("/tkksd"), viewHome},
		{"GET /tkksd/meetings", "", getReq("/tkksd/meetings"), viewHome},
		{"GET /tkksd/meetings/new", "", getReq("/tkksd/meetings/new"), manageHome},
		{"POST /tkksd/meetings", "assistance to Kota Bandung", func(_ *fixture, actor string) request {
			return request{method: "POST", path: "/tkksd/meetings", form: url.Values{"kind": {"assistance"},
				"title": {"Rapat " + actor}, "mode": {"online"}, "link": {"https://meet.example/r"}, "zone": {"WIB"},
				"date": {"2030-01-10"}, "start_time": {"09:00"}, "end_time": {"11:00"}, "invited": {"32.73"}}}
		}, "303 403 303 303 403 400 400 403 403 403"},
		{"GET /tkksd/meetings/{id}", "in", getReq("/tkksd/meetings/" + in), viewIn},
		{"GET /tkksd/meetings/{id}", "out", getReq("/tkksd/meetings/" + out), viewOut},
		{"GET /tkksd/meetings/{id}", "bad id", getReq("/tkksd/meetings/x"), "404 404 404 404 404 404 404 404 404 303"},
		{"GET /tkksd/meetings/{id}/calendar.ics", "in", getReq("/tkksd/meetings/" + in + "/calendar.ics"), viewIn},
		{"GET /tkksd/meetings/{id}/calendar.ics", "out", getReq("/tkksd/meetings/" + out + "/calendar.ics"), viewOut},
		{"POST /tkksd/meetings/{id}/record", "in", record(tf.in.ID), runIn},
		{"POST /tkksd/meetings/{id}/plan", "in", func(f *fixture, actor string) request {
			return request{method: "POST", path: "/tkksd/meetings/" + in + "/plan", form: url.Values{
				"version": {f.meetingVersion(tf.in.ID)}, "title": {"Rencana " + actor}, "mode": {"online"},
				"link": {"https://meet.example/p"}, "zone": {"WIB"}, "date": {"2030-05-05"}, "start_time": {"09:00"},
				"end_time": {"10:00"}, "invited": {"32.73", "32.04"}}}
		}, runIn},
		{"POST /tkksd/meetings/{id}/invitees", "in", func(f *fixture, actor string) request {
			return request{method: "POST", path: "/tkksd/meetings/" + in + "/invitees", form: url.Values{
				"version": {f.meetingVersion(tf.in.ID)}, "inv_name": {"Undangan " + actor}, "inv_region": {"32.04"}}}
		}, runIn},
		{"POST /tkksd/meetings/{id}/record", "out", recordOut, runOut},
		{"POST /tkksd/meetings/{id}/actions", "in", addAction(in), runIn},
		{"POST /tkksd/meetings/{id}/actions", "out: owner not taking part", addAction(out), "400 403 404 404 404 404 404 404 404 403"},
		{"POST /tkksd/actions/{id}/status", "Kota Bandung's action", actionToggle(tf.inAction.ID), workIn},
		{"POST /tkksd/actions/{id}/status", "Surabaya's action", actionToggle(tf.outAction.ID), runOut},
	}
}

func init() { matrixExtensions = append(matrixExtensions, tkksdSetupMatrix) }

// tkksdSetupMatrix covers the team and mapping pages, which work on the
// actor's own region: the ministry has none (its pages lead to the desk
// and the overview; its writes are refused naming the region).
func tkksdSetupMatrix(f *fixture) []matrixCase {
	const (
		ownView  = "303 303 200 200 200 200 200 200 403 303"
		ownWrite = "400 403 303 303 403 303 303 403 403 403"
	)
	region := func(actor string) string { return actorRoles[actor].region }
	mapping := func(f *fixture, actor string) request {
		m, err := f.db.GetMapping(context.Background(), access.Scope{All: true}, region(actor))
		v := "0"
		if err == nil {
			v = strconv.FormatInt(m.Version, 10)
		}
		return request{method: "POST", path: "/tkksd/mapping", form: url.Values{"version": {v}, "submit": {"1"},
			"offer_1.03": {"TPA " + actor}, "priority_1.03": {"2"}}}
	}
	team := func(f *fixture, actor string) request {
		v := "0"
		if ts, err := f.db.Teams(context.Background(), access.Scope{All: true}, region(actor)); err == nil && len(ts) > 0 {
			v = strconv.FormatInt(ts[0].Version, 10)
		}
		return request{method: "POST", path: "/tkksd/team", form: url.Values{"version": {v},
			"decree_number": {"SK " + actor}, "decree_date": {"2025-01-02"}, "term_start": {"2025-01-02"},
			"seat_position": {"ketua", "sekretaris"}, "seat_name": {"Sekda", "Kabag KS"}, "seat_office": {"Setda", "Bagian KS"},
			"seat_user": {"", ""}}}
	}
	handover := func(f *fixture, actor string) request {
		from, to := f.users["rv"], f.users["rm"]
		if len(region(actor)) == 2 {
			from, to = f.users["pv"], f.users["pm"]
		}
		return request{method: "POST", path: "/tkksd/handover", form: url.Values{"from_user_id": {idOf(from.ID)},
			"to_user_id": {idOf(to.ID)}, "reason": {"mutasi"}}}
	}
	decree := func(region string) string {
		key, err := f.server.Blobs.Put(context.Background(), minimalPDF())
		if err != nil {
			f.t.Fatal(err)
		}
		tm, err := f.db.SetTeam(context.Background(), access.Scope{All: true}, tkksd.Team{Region: region, DecreeNumber: "SK 1",
			DecreeDate: workday.NewDate(2025, 1, 2), TermStart: workday.NewDate(2025, 1, 2),
			DecreeFile: &tkksd.File{SHA256: key, Name: "sk.pdf", MIME: "application/pdf", Size: int64(len(minimalPDF()))},
			Seats:      []tkksd.Seat{{Position: tkksd.Chair, Name: "Sekda", Office: "Setda"}, {Position: tkksd.Secretary, Name: "Kabag", Office: "KS"}}}, 0, sys)
		if err != nil {
			f.t.Fatal(err)
		}
		return "/tkksd/team/" + strconv.FormatInt(tm.ID, 10) + "/decree"
	}
	inDecree, outDecree := decree("32.73"), decree("35.78")
	return []matrixCase{
		{"GET /tkksd/team/{id}/decree", "Kota Bandung's", getReq(inDecree), "200 200 200 200 200 200 200 200 403 303"},
		{"GET /tkksd/team/{id}/decree", "Surabaya's", getReq(outDecree), "200 200 404 404 404 404 404 404 403 303"},
		{"GET /tkksd/mapping", "", getReq("/tkksd/mapping"), ownView},
		{"GET /tkksd/mapping", "Kota Bandung's", getReq("/tkksd/mapping?region=32.73"), "200 200 200 200 200 200 200 200 403 303"},
		{"GET /tkksd/mapping", "Surabaya's", getReq("/tkksd/mapping?region=35.78"), "200 200 404 404 404 404 404 404 403 303"},
		{"POST /tkksd/mapping", "submit own", mapping, ownWrite},
		{"GET /tkksd/mapping/overview", "", getReq("/tkksd/mapping/overview"), "200 200 200 200 200 200 200 200 403 303"},
		{"GET /tkksd/team", "", getReq("/tkksd/team"), ownView},
		{"POST /tkksd/team", "new decree", team, ownWrite},
		{"POST /tkksd/handover", "viewer to member", handover, ownWrite},
	}
}
