// The api service: wired up in the streaming-ingestion work (issue 3).
export {};
