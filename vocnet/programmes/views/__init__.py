"""Programme pages, one module per actor's work: calls (officers), applications (the lead
school and its partners), review (reviewers, officers and applicants)."""
