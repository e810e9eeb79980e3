// The aggregator service: wired up in the streaming-ingestion work (issue 3).
export {};
