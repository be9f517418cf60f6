package cooperation

// Message is a catalog entry in Indonesian and English. Placeholders are
// fmt verbs filled from Problem.Args in order, as package i18n does.
// MessageKeys lists every message key this package emits. Their texts live
// in the i18n catalogs (i18n/messages); a test here keeps the list in step
// with the code, and a web test checks the catalogs hold every key.
var MessageKeys = []string{
	"coop.actor_not_allowed", "coop.already_routed", "coop.calendar_missing", "coop.doc_missing", "coop.doc_missing_final",
	"coop.date_before_routing", "coop.date_before_stage", "coop.date_future", "coop.doc_ref_missing", "coop.dprd_decision_missing", "coop.dprd_not_pending", "coop.extend_after_end",
	"coop.extend_new_end", "coop.facts_missing", "coop.governor_time_running", "coop.not_routed",
	"coop.offer_lapsed", "coop.offer_not_lapsed", "coop.param_missing", "coop.party_already_done",
	"coop.reason_missing", "coop.result_missing", "coop.signature_missing", "coop.takeover_done",
	"coop.takeover_evaluation", "coop.takeover_guidance", "coop.takeover_minister_approval",
	"coop.takeover_missing", "coop.transition_unknown", "coop.v01_kind_unknown", "coop.v01_no_initiator",
	"coop.v01_parties_mismatch", "coop.v02_not_bordering", "coop.v02_not_connected",
	"coop.v03_party_not_region", "coop.v03_two_regions", "coop.v04_central_is_sinergi",
	"coop.v04_needs_region_and_third_party", "coop.v04_party_kind", "coop.v04_third_party_type",
	"coop.v05_not_authority", "coop.v05_sector_unknown", "coop.v05_urusan_missing", "coop.v05_urusan_unknown",
	"coop.v06_justification", "coop.v06_plan_ref_missing", "coop.v07_coordination_level",
	"coop.v07_coordination_missing", "coop.v07_heads_not_agreed", "coop.v07_mapping_missing",
	"coop.v07_region_not_mapped", "coop.tkksd_consideration_missing",
	"coop.v08_author_not_initiator", "coop.v08_capacity", "coop.v08_economic", "coop.v08_master_plan",
	"coop.v08_study_missing", "coop.v08_study_record_missing", "coop.v09_clause_missing", "coop.v10_kuasa_missing", "coop.v10_kuasa_not_allowed", "coop.v10_not_head",
	"coop.v11_assessment_missing", "coop.v11_dprd_not_approved", "coop.v11_dprd_not_own", "coop.v11_dprd_not_required",
	"coop.v11_dprd_required", "coop.v12_deadline_not_passed", "coop.v12_dprd_not_approved",
	"coop.v12_dprd_not_required", "coop.v13_not_complex", "coop.v13_not_continuous", "coop.v13_term_short",
	"coop.v14_term_missing", "coop.v14_term_too_long", "coop.v15_loi_expired", "coop.v15_loi_missing",
	"coop.v15_loi_still_valid", "coop.v16_too_late", "coop.v18_change_of_head", "coop.v18_reason_invalid",
	"coop.v18_agreement_ref", "coop.v18_reason_missing", "coop.v18_term_not_over", "coop.v18_use_expire", "coop.v19_amount",
	"coop.v19_ref_missing", "coop.v22_liaisons", "coop.wrong_stage",
}
