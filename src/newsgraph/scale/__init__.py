"""Running the pipeline at scale. No stage imports anything from here."""
