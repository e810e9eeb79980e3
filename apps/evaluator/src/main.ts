// wired in issue 4
export {};
