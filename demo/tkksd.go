package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/app"
	co "github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// demoMappings are the mappings of affairs the Bandung Raya TKKSDs and
// West Java submit: what each can offer and what it needs, so that the
// national overview shows real matches.
var demoMappings = map[string][]tkksd.MappingEntry{
	"32.73": {
		{Urusan: "1.03", Offer: "Armada pengangkut sampah dan stasiun peralihan antara (SPA) Gedebage",
			Need: "Lahan pemrosesan akhir sampah di luar kota", Priority: 1, Notes: "TPA Sarimukti melampaui kapasitas"},
		{Urusan: "1.02", Offer: "Rumah sakit rujukan regional dan dokter spesialis", Priority: 2},
		{Urusan: "2.11", Need: "Pengolahan sampah residu menjadi energi", Priority: 1},
		{Urusan: "2.15", Need: "Angkutan umum terpadu dengan kabupaten tetangga", Priority: 2},
	},
	"32.04": {
		{Urusan: "1.03", Offer: "Lahan TPPAS Legok Nangka (Nagreg)", Need: "Pengelolaan air limbah domestik terpusat",
			Priority: 2},
		{Urusan: "1.02", Need: "Layanan rujukan spesialis bagi warga perbatasan", Priority: 1},
		{Urusan: "2.11", Offer: "Kawasan penyangga dan bank sampah desa", Priority: 3},
		{Urusan: "2.15", Offer: "Terminal tipe B Soreang", Need: "Integrasi trayek ke Kota Bandung", Priority: 2},
	},
	"32.17": {
		{Urusan: "1.03", Need: "Tempat pemrosesan akhir sampah regional", Priority: 1},
		{Urusan: "2.11", Need: "Pengolahan sampah residu", Priority: 2},
	},
	"32": {
		{Urusan: "1.03", Offer: "Pembiayaan dan pengelolaan TPPAS regional Legok Nangka", Priority: 1},
		{Urusan: "2.15", Offer: "Koordinasi angkutan aglomerasi Bandung Raya", Priority: 2},
	},
}

// loadMappings submits the demo mappings, and for every mandatory
// cooperation of the scenarios makes sure each party region's mapping
// records its urusan (V-07 reads them), with the cooperation as the offer.
func loadMappings(ctx context.Context, a *app.App, scs []coopScenario) error {
	all := access.Scope{All: true}
	want := map[string][]tkksd.MappingEntry{}
	for r, es := range demoMappings {
		want[r] = append(want[r], es...)
	}
	for _, sc := range scs {
		if sc.c.Kind != co.KindWajib {
			continue
		}
		for _, p := range sc.c.Parties {
			if p.Kind != co.PartyRegion {
				continue
			}
			for _, u := range sc.c.Urusan {
				if !covers(want[p.Region], u) {
					want[p.Region] = append(want[p.Region], tkksd.MappingEntry{Urusan: u,
						Offer: "Kerja sama: " + sc.c.Title, Priority: 1})
				}
			}
		}
	}
	for r, es := range want {
		m, err := a.DB.GetMapping(ctx, all, r)
		if err != nil {
			return err
		}
		if m.Version > 0 {
			continue
		}
		if _, err := a.DB.SaveMapping(ctx, all, r, 0, es, true, system); err != nil {
			return fmt.Errorf("demo: mapping of %s: %w", r, err)
		}
	}
	return nil
}

func covers(es []tkksd.MappingEntry, u string) bool {
	for _, e := range es {
		if e.Urusan == u {
			return true
		}
	}
	return false
}

// loadTKKSD records the teams of West Java, Kota Bandung and Kabupaten
// Bandung, a hybrid assistance meeting West Java held ten days ago with
// its minutes, decisions and follow-up actions (one overdue, one due
// soon, one done), and the meetings coming up.
func loadTKKSD(ctx context.Context, a *app.App) error {
	all := access.Scope{All: true}
	if teams, err := a.DB.TeamRegions(ctx, all); err != nil || len(teams) > 0 {
		return err
	}
	users := map[string]int64{}
	for _, du := range Users {
		if u, err := a.DB.UserForLogin(ctx, du.Username); err == nil {
			users[du.Username] = u.ID
		}
	}
	d := workday.NewDate
	teams := []tkksd.Team{
		{Region: "32", DecreeNumber: "Kep.100.3.3.1/Kep.12-Pem.Um/2025", DecreeDate: d(2025, 1, 14), TermStart: d(2025, 1, 14),
			TermEnd: d(2027, 12, 31), DecreeDoc: "JDIH Jawa Barat, Kepgub 12/2025", Seats: []tkksd.Seat{
				{Position: tkksd.Chair, Name: "Sekretaris Daerah Provinsi Jawa Barat", Office: "Sekretariat Daerah"},
				{Position: tkksd.ViceChair, Name: "Asisten Pemerintahan dan Kesejahteraan Rakyat", Office: "Sekretariat Daerah"},
				{Position: tkksd.Secretary, Name: "Kepala Biro Pemerintahan dan Kerja Sama", Office: "Biro Pemerintahan dan Kerja Sama", UserID: users["jabar.admin"]},
				{Position: tkksd.Member, Name: "Kepala Bappeda", Office: "Bappeda Provinsi Jawa Barat", UserID: users["jabar.anggota"]},
				{Position: tkksd.Member, Name: "Kepala Biro Hukum", Office: "Biro Hukum dan HAM"},
			}},
		{Region: "32.73", DecreeNumber: "188.45/Kep.101-Bag.KS/2025", DecreeDate: d(2025, 2, 3), TermStart: d(2025, 2, 3),
			DecreeDoc: "JDIH Kota Bandung", Seats: []tkksd.Seat{
				{Position: tkksd.Chair, Name: "Sekretaris Daerah Kota Bandung", Office: "Sekretariat Daerah"},
				{Position: tkksd.Secretary, Name: "Kepala Bagian Kerja Sama", Office: "Bagian Kerja Sama Setda", UserID: users["kotabandung.admin"]},
				{Position: tkksd.Member, Name: "Kepala Bappelitbang", Office: "Bappelitbang", UserID: users["kotabandung.anggota"]},
				{Position: tkksd.Member, Name: "Kepala Dinas Lingkungan Hidup", Office: "DLH Kota Bandung"},
				{Position: tkksd.Member, Name: "Kepala Bagian Hukum", Office: "Bagian Hukum Setda"},
			}},
		{Region: "32.04", DecreeNumber: "100.3.3.2/Kep.55-KS/2025", DecreeDate: d(2025, 3, 10), TermStart: d(2025, 3, 10),
			Seats: []tkksd.Seat{
				{Position: tkksd.Chair, Name: "Sekretaris Daerah Kabupaten Bandung", Office: "Sekretariat Daerah"},
				{Position: tkksd.Secretary, Name: "Kepala Bagian Kerja Sama", Office: "Bagian Kerja Sama Setda", UserID: users["kabbandung.admin"]},
				{Position: tkksd.Member, Name: "Kepala Dinas Lingkungan Hidup", Office: "DLH Kabupaten Bandung"},
			}},
	}
	for _, t := range teams {
		if _, err := a.DB.SetTeam(ctx, all, t, 0, system); err != nil {
			return fmt.Errorf("demo: team of %s: %w", t.Region, err)
		}
	}

	// 09:00 WIB (02:00 UTC) on a day relative to today.
	at := func(days, hour int) time.Time {
		t := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, days)
		return t.Add(time.Duration(hour-7) * time.Hour)
	}
	jabar := sqlstore.AuditMeta{Actor: access.Actor{UserID: users["jabar.admin"], Name: "jabar.admin",
		Role: access.ProvinceAdmin, Region: "32"}, IP: "demo"}
	past, err := a.DB.CreateMeeting(ctx, tkksd.Meeting{Host: "32", Kind: tkksd.Assistance, Zone: tkksd.WIB,
		Title: "Asistensi KSDD wajib pengelolaan sampah Bandung Raya", Mode: tkksd.Hybrid,
		Venue: "Ruang Rapat Biro Pemerintahan, Gedung Sate, Bandung", Link: "https://vicon.jabarprov.go.id/tkksd-asistensi",
		Agenda: "1. Pemetaan urusan persampahan ketiga daerah\n2. Kesiapan dokumen KB TPPAS Legok Nangka\n3. Rencana tindak lanjut",
		Start:  at(-10, 9), End: at(-10, 12), Invited: []string{"32.73", "32.04", "32.17"},
		Invitees: []tkksd.Attendee{
			{Region: "32.73", Name: "Kepala Bagian Kerja Sama Kota Bandung", Office: "Bagian Kerja Sama Setda"},
			{Region: "32.73", Name: "Kepala Bidang Persampahan DLH Kota Bandung", Office: "DLH"},
			{Region: "32.04", Name: "Kepala Bagian Kerja Sama Kabupaten Bandung", Office: "Bagian Kerja Sama Setda"},
			{Region: "32.17", Name: "Kepala Bagian Pemerintahan Kabupaten Bandung Barat", Office: "Bagian Pemerintahan"},
		}}, jabar)
	if err != nil {
		return err
	}
	past, err = a.DB.UpdateMeeting(ctx, all, past.ID, past.Version, "record", func(m *tkksd.Meeting) error {
		m.Attendance = []tkksd.Attendee{
			{Region: "32", Name: "Kepala Biro Pemerintahan dan Kerja Sama", Office: "Biro Pemerintahan dan Kerja Sama", Presence: tkksd.InRoom},
			{Region: "32.73", Name: "Kepala Bagian Kerja Sama Kota Bandung", Office: "Bagian Kerja Sama Setda", Presence: tkksd.InRoom},
			{Region: "32.73", Name: "Kepala Bidang Persampahan DLH Kota Bandung", Office: "DLH", Presence: tkksd.Remote},
			{Region: "32.04", Name: "Kepala Bagian Kerja Sama Kabupaten Bandung", Office: "Bagian Kerja Sama Setda", Presence: tkksd.Remote},
			{Region: "32.17", Name: "Kepala Bagian Pemerintahan Kabupaten Bandung Barat", Office: "Bagian Pemerintahan", Presence: tkksd.Absent},
		}
		m.Minutes = "Biro Pemerintahan menyampaikan hasil pemetaan urusan persampahan. Kota Bandung dan Kabupaten Bandung " +
			"telah mengirim pemetaan; Kabupaten Bandung Barat belum hadir dan diminta melengkapi. Draf KB TPPAS Legok Nangka " +
			"dibahas pasal demi pasal; pembagian biaya tipping fee masih terbuka."
		m.Decisions = []string{"Kota Bandung mengirim draf KB yang telah diperbaiki dalam dua minggu.",
			"Kabupaten Bandung menyiapkan data kapasitas lahan Legok Nangka.",
			"Rapat asistensi lanjutan diadakan secara daring."}
		return nil
	}, jabar)
	if err != nil {
		return err
	}
	var legok int64
	items, _, err := a.DB.ListCooperations(ctx, all, sqlstore.CoopFilter{Query: "Legok Nangka", Limit: 1})
	if err == nil && len(items) > 0 {
		legok = items[0].ID
	}
	today := workday.DateOf(time.Now())
	ok := func(tkksd.Meeting) error { return nil }
	actions := []tkksd.Action{
		{Title: "Kirim draf KB TPPAS Legok Nangka yang telah diperbaiki", OwnerRegion: "32.73",
			OwnerUserID: users["kotabandung.admin"], OwnerName: "Kepala Bagian Kerja Sama Kota Bandung", Due: today.AddDays(4), CooperationID: legok},
		{Title: "Siapkan data kapasitas lahan Legok Nangka", OwnerRegion: "32.04", OwnerUserID: users["kabbandung.admin"],
			OwnerName: "Kepala Bagian Kerja Sama Kabupaten Bandung", Due: today.AddDays(-2)},
		{Title: "Kirim pemetaan urusan persampahan", OwnerRegion: "32.17", Due: today.AddDays(-5)},
		{Title: "Bagikan notulen kepada peserta", OwnerRegion: "32", OwnerUserID: users["jabar.admin"],
			OwnerName: "Kepala Biro Pemerintahan dan Kerja Sama", Due: today.AddDays(-8)},
	}
	for i, x := range actions {
		x, err := a.DB.AddAction(ctx, all, past.ID, x, ok, jabar)
		if err != nil {
			return fmt.Errorf("demo: action %d: %w", i, err)
		}
		if i == len(actions)-1 {
			if _, err := a.DB.UpdateAction(ctx, all, x.ID, x.Version, "status", func(x *tkksd.Action, _ tkksd.Meeting) error {
				return x.SetStatus(tkksd.Done, "Notulen dikirim melalui surat elektronik", time.Now())
			}, jabar); err != nil {
				return err
			}
		}
	}
	if _, err := a.DB.CreateMeeting(ctx, tkksd.Meeting{Host: "32", Kind: tkksd.Assistance, Zone: tkksd.WIB,
		Title: "Asistensi lanjutan KB TPPAS Legok Nangka", Mode: tkksd.Online, Link: "https://vicon.jabarprov.go.id/tkksd-lanjutan",
		Agenda: "Pembagian biaya tipping fee; jadwal penandatanganan KB", Start: at(5, 13), End: at(5, 15),
		Invited: []string{"32.73", "32.04", "32.17"}}, jabar); err != nil {
		return err
	}
	kota := sqlstore.AuditMeta{Actor: access.Actor{UserID: users["kotabandung.admin"], Name: "kotabandung.admin",
		Role: access.RegencyAdmin, Region: "32.73"}, IP: "demo"}
	if _, err := a.DB.CreateMeeting(ctx, tkksd.Meeting{Host: "32.73", Kind: tkksd.Internal, Zone: tkksd.WIB,
		Title: "Rapat TKKSD Kota Bandung: evaluasi usulan kerja sama triwulan IV", Mode: tkksd.Offline,
		Venue: "Ruang Rapat Sekda, Balai Kota Bandung", Agenda: "Evaluasi KAK usulan perangkat daerah", Start: at(3, 9), End: at(3, 11)}, kota); err != nil {
		return err
	}
	a.Logger.Info("demo: TKKSD teams, mappings and meetings added")
	return nil
}
