use crate::{is_valid_gtin, is_valid_lot};

#[test]
fn gtin_check_digits_are_verified() {
	assert!(is_valid_gtin(b"00012345678905"));
	assert!(is_valid_gtin(b"10614141000415"));
	assert!(is_valid_gtin(b"00000000000000"));
	assert!(!is_valid_gtin(b"00012345678904"), "wrong check digit");
	assert!(!is_valid_gtin(b"0001234567890A"), "not a digit");
	assert!(!is_valid_gtin(b"0001234567 905"), "a space");
}

#[test]
fn lots_use_the_gs1_character_set() {
	assert!(is_valid_lot(b"LOT-2026/A.1"));
	assert!(is_valid_lot(b"ABCDEFGHIJ0123456789"));
	assert!(!is_valid_lot(b""));
	assert!(!is_valid_lot(b"LOT 1"), "space");
	assert!(!is_valid_lot("LÖT".as_bytes()), "not ASCII");
	assert!(!is_valid_lot(b"LOT#1"), "not in set 82");
}
