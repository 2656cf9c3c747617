"""What the home page shows each reader: their networks' numbers, the survey in progress, what needs them."""
