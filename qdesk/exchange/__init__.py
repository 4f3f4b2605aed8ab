"""Files in and out: spreadsheets, the submission package, roll-up import."""
