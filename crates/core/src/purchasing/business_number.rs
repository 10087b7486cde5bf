//! The Korean business registration number (사업자등록번호): ten digits written `123-45-67890`,
//! the last a check digit over the first nine — weights 1 3 7 1 3 7 1 3 5, plus the tens of
//! the ninth digit times five, the check digit making the sum a multiple of ten (the National
//! Tax Service's rule). Typed with or without hyphens or spaces, kept as `123-45-67890`.
//!
//! ```
//! use cloudwright_core::purchasing::check_business_number;
//! assert_eq!(check_business_number("2208162517").unwrap().to_string(), "220-81-62517");
//! assert!(check_business_number("220-81-62518").is_err());
//! ```

use std::fmt;

/// A number whose check digit holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BusinessNumber([u8; 10]);

/// Why a business registration number was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BusinessNumberError {
    /// Not ten digits (after hyphens and spaces are taken out), or another character.
    NotTenDigits,
    /// Ten digits whose last is not the check digit of the first nine.
    CheckDigit,
}

const WEIGHTS: [u32; 9] = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/// The check digit of the first nine digits.
fn check_digit(digits: &[u8; 10]) -> u8 {
    let mut sum: u32 = digits[..9]
        .iter()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(*digit) * weight)
        .sum();
    sum += u32::from(digits[8]) * 5 / 10;
    ((10 - sum % 10) % 10) as u8
}

/// Reads and checks `text`.
pub fn check_business_number(text: &str) -> Result<BusinessNumber, BusinessNumberError> {
    let mut digits = [0u8; 10];
    let mut count = 0;
    for c in text.trim().chars() {
        match c {
            '-' | ' ' => continue,
            '0'..='9' if count < 10 => {
                digits[count] = c as u8 - b'0';
                count += 1;
            }
            _ => return Err(BusinessNumberError::NotTenDigits),
        }
    }
    if count != 10 {
        return Err(BusinessNumberError::NotTenDigits);
    }
    if check_digit(&digits) != digits[9] {
        return Err(BusinessNumberError::CheckDigit);
    }
    Ok(BusinessNumber(digits))
}

impl fmt::Display for BusinessNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d: String = self
            .0
            .iter()
            .map(|digit| char::from(b'0' + digit))
            .collect();
        write!(f, "{}-{}-{}", &d[..3], &d[3..5], &d[5..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_numbers_pass_and_any_one_digit_changed_fails() {
        // Numbers whose check digit holds (124-81-00998 is the one most often cited); every
        // weight is prime to ten, so any one digit changed breaks the sum.
        for number in [
            "124-81-00998",
            "220-81-62517",
            "120-81-47521",
            "104-81-43125",
        ] {
            let checked = check_business_number(number).expect(number);
            assert_eq!(checked.to_string(), number);
            let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
            for at in 0..10 {
                let mut changed = digits.clone();
                changed[at] = char::from(b'0' + (changed[at] as u8 - b'0' + 1) % 10);
                let text: String = changed.into_iter().collect();
                assert_eq!(
                    check_business_number(&text),
                    Err(BusinessNumberError::CheckDigit),
                    "{number} with digit {at} changed: {text}"
                );
            }
        }
    }

    #[test]
    fn hyphens_and_spaces_are_optional_and_nothing_else_is_taken() {
        assert_eq!(
            check_business_number(" 2208162517 ").map(|n| n.to_string()),
            Ok("220-81-62517".to_owned())
        );
        assert_eq!(
            check_business_number("220 81 62517").map(|n| n.to_string()),
            Ok("220-81-62517".to_owned())
        );
        for bad in [
            "",
            "220-81-6251",
            "220-81-625170",
            "22O-81-62517",
            "220.81.62517",
            "２２０８１６２５１７",
        ] {
            assert_eq!(
                check_business_number(bad),
                Err(BusinessNumberError::NotTenDigits),
                "{bad}"
            );
        }
    }
}
