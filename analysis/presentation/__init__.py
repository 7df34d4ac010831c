"""What a person sees and takes home: cited-figure wording, charts, the PDF summary and answer exports."""
