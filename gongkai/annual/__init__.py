"""The annual report compiled from an agency's own records, free of any framework: the
year's registers as facts (`registers`), the tables they make, the narrative skeleton whose
figures come from the tables (`narrative`), and the whole draft with its checks (`compile`)."""
