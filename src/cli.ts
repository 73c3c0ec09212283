const [command = 'start'] = process.argv.slice(2);
console.log(`threadline ${command}`);
