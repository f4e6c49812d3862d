<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>main</name>
    <message>
        <source>RTMP Doctor cannot start: its built-in data is damaged.

%1

Please reinstall the application.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd</name>
    <message>
        <source>Port %1 cannot be reached (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP connect succeeded on port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server was reached on port %1 but refused connect: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP connect on port %1 did not get an answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMP handshake completed on port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMP handshake failed on port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 answers TLS (RTMPS), so plain RTMP is refused there (inferred; the plain handshake was not tried).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain RTMP on port %1 was not tested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP connect through the RTMPT tunnel succeeded on port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server was reached through RTMPT on port %1 but refused connect: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMP handshake completed through the RTMPT tunnel on port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPT on port %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPT on port %1 was not tested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL uses rtmp:// without a port, so a Flash-era client (such as AVChat 3) tries these steps on its own, in order, and stays on the first that works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL names a port or a scheme other than rtmp://, so a Flash-era client makes that single attempt only; the automatic sequence runs only for rtmp:// without a port (e.g. rtmp://%1/%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Flash fallback sequence connects on step %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Flash fallback sequence reaches the server on step %1 (%2), where the server refuses the connection; Flash does not try further steps after a refusal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An earlier step was not tested; a Flash client tries it first and may stop there or wait for it to time out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none of the four paths was tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Flash fallback sequence could not be judged: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No step of the Flash fallback sequence (rtmp 1935, rtmp 443, rtmp 80, rtmpt 80) connects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some steps were not tested, so this is not certain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::BitrateFit</name>
    <message>
        <source>Enter the bitrate set in the encoder and your measured upload speed to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbit/s per stream does not fit through a %2 kbit/s upload in real time. Set the encoder to about %3 kbit/s or less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbit/s only just fits through a %2 kbit/s upload: sound and any other traffic push it over. About %3 kbit/s leaves room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbit/s fits through a %2 kbit/s upload with room to spare, so the upload is not what holds the stream back: the camera&apos;s picture is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::CameraCheckWidget</name>
    <message>
        <source>Measure the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution the chat or encoder asks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames per second the chat or encoder asks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> frames/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Measure for a few seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurement progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera&apos;s picture appears here while it is measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Asked for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This copy of RTMP Doctor was built without the camera check. The checklist below goes through the same points by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Plug one in to measure it, or go through the checklist below by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring: keep the camera where it is when you stream, and move as you would.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before the end; nothing was measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Measure again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture looks fine: bright enough, little noise, and the camera delivers what was asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The system said: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checklist below works without the measurement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::CameraChecklistPage</name>
    <message>
        <source>Camera and bandwidth checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrate per stream in kilobits per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload speed in kilobits per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jerky picture (few frames per second)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream stays below its bitrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark or grainy picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture, or a blank one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to tell it helped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrate per st&amp;ream:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload speed (not download):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture problems start at the camera or the upload, not at the server. Measure the camera if there is one here, and tick what you have checked or changed; the report lists it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture symptom was ticked, so there is no checklist to go through. The measurement above is optional; Next goes on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::DiagnosticSession</name>
    <message>
        <source>Not run: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 probe is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still running when the diagnosis reached its time limit of %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run: the diagnosis reached its time limit of %1 s first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::DiagnosticsModel</name>
    <message>
        <source>%1: waiting for the tests it depends on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: running for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last step: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it did not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address %1, port %2; started at %3, took %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::DiagnosticsPage</name>
    <message>
        <source>Testing the way to your server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosis status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosis progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left: about 55 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop every test now; what has ended so far is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the tests again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test everything again, for example after changing a firewall or router setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results by port and protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of every test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages between this computer and the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw transcript of the selected test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a test to see every message it sent and received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tests start when you come to this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to test yet: go back and enter a server address that can be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the previous tests first...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done in %1: %2 passed, %3 with a problem, %4 not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1: %2 passed, %3 with a problem, %4 not run or stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server software %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(every message appears here when the test ends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status %1 after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing was sent or received)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each cell is one test of one port. Point at a cell for the reason; pick it to see what this computer and the server said.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::DnsProbe</name>
    <message>
        <source>There is no host name to look up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No resolver is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lookup for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the DNS lookup: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP address, no lookup needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DNS answer for %1 was %2: a DNS filter (ad blocker, parental control, company policy) blocks this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 resolves to IPv4 %2 and IPv6 %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DNS server could not be asked about %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No DNS answer for %1 within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name %1 exists but has neither an IPv4 nor an IPv6 address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name %1 does not exist in DNS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::EncoderPage</name>
    <message>
        <source>Which encoder do you stream with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the program or device that sends the stream. Type to search; choose &quot;Other encoder&quot; if yours is not listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search encoders (name, vendor, e.g. &quot;obs&quot;, &quot;hardware&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search encoders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No encoder matches. Clear the search or choose &quot;Other encoder&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an encoder to see what it supports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can send:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its errors appear:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its log:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::EtaEstimator</name>
    <message>
        <source>estimating...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::HandshakeLadderWidget</name>
    <message>
        <source>+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the tests it depends on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still running...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it did not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer to the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server to this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after the start: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a cell of the grid or a row of the timeline to see what was said.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not reached)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::IngestCheck</name>
    <message>
        <source>%1 cannot send %2://. It can use: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::IngestUrlPage</name>
    <message>
        <source>Where does your encoder send the stream?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the server address and the stream key exactly as they are in your encoder. Problems are underlined as you type; point at one to read why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if your encoder has a separate stream key box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the stream key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide the key from the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the key from the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the stream key from the end of the address into the hidden key box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;member the stream key on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the stream key on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without this, only the address without the key is remembered for next time. Anyone who uses this computer account can read a remembered key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another or unknown server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server t&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found in the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How an encoder reads this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error message shown by the encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: paste the error message or the end of the encoder&apos;s log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Error the encoder showed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the stream key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognised: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognise from the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen by you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the encoder showed a message, paste it here: RTMP Doctor knows what many of them mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is not one RTMP Doctor knows. The tests will still look for the cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address looks right. The next steps test whether it works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste an address such as rtmp://live.example.com/app/streamkey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the default for %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address sent in connect (tcUrl)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::LivenessProbe</name>
    <message>
        <source>No address or port to ask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not accept a connection within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET / (%1 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET / sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web server answers on %1 (&quot;%2&quot;): a server process is running there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web server answers on %1 (&quot;%2&quot;, Server: %3): a server process is running there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection without answering the HTTP request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the connection but sent nothing within %2 s: no web server there (an RTMP server waits like this).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes that are not HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered, but not with HTTP (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::MainWizard</name>
    <message>
        <source>RTMP Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Technical view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technical view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show addresses, timings, server versions and the raw exchange with the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve session...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save everything tested and found as a file RTMP Doctor can open again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP Doctor sessions (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::PortGridWidget</name>
    <message>
        <source>TCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPS / TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test has started yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::Probe</name>
    <message>
        <source>The probe did not finish within %1 s and was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more transcript line(s) left out: the transcript keeps the first %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::ProbeTimelineWidget</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeline fills in as the tests run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::ProbeWords</name>
    <message>
        <source> over TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> through RTMPT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> through RTMPTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name lookup of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port %1 over IPv6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port %1 over IPv4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP handshake inside TLS on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP handshake on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS session on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPTS tunnel on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPT tunnel on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web server answer on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP connect on port %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish check on port %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash fallback sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP %1 IPv6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP %1 IPv4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake %1 in TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPTS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPT %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web answer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP Doctor itself failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: the diagnosis ran out of time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no address of this kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS server did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked by a DNS filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name lookup timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer (filtered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no route to the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handshake completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a web server answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a TLS server answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server wants encrypted RTMP (RTMPE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown RTMP version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed without answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection reset without answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server stayed silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply cut short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply is not RTMP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server asks for a user name and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed right after connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply to connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publishing allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stream key already in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publishing denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed right after publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply to publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS session established</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate not yet valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate is for another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-signed certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate from an unknown issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no TLS answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS not available on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tunnel works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an RTMPT tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP error from the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handshake through the tunnel failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply from the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no proxy in the way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy lets the stream through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy forbids the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy asks for a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy would not reach the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>web server answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no web server answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fallback step connects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fallback step connects</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::ProxyProbe</name>
    <message>
        <source>System proxy for a TCP connection to %1: %2; for http://%1/: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy given (%1) is not an HTTP or SOCKS5 proxy with a host and port, so none is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No proxy is configured for %1: connections go directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target to ask the proxy for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 did not accept a connection within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to the proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to the proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host name %1 cannot be put into a CONNECT request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONNECT %1 (with Basic credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONNECT %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 cannot be reached: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes that are not HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered with something that is not HTTP (&quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed the connection without answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent no answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 %2 to CONNECT %3: it does not work as an HTTP proxy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy answered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 opened a tunnel to %2 (&quot;%3&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 rejected the credentials (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 requires a user name and password (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 could not or would not reach %2 (&quot;%3&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 does not allow a connection to %2 (&quot;%3&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected through the SOCKS5 proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SOCKS5 proxy %1 connected to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection through the SOCKS5 proxy %1 within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting through the SOCKS5 proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOCKS5 connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SOCKS5 proxy %1 requires (other) credentials: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SOCKS5 proxy %1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SOCKS5 proxy %1 could not reach %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::PublishProbe</name>
    <message>
        <source>There is no stream key to check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::ReportPage</name>
    <message>
        <source>Keep the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report for whoever runs the server or the network, or copy the summary into a support ticket. Your stream key is hidden in all of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as &amp;PDF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session (&amp;JSON)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the session as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file RTMP Doctor can open again, e.g. on the help desk&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the summary for a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP Doctor sessions (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved the report to %1 (%n page(s)).</source>
        <translation>
            <numerusform>Saved the report to %1 (%n page).</numerusform>
            <numerusform>Saved the report to %1 (%n pages).</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved the session to %1. RTMP Doctor can open it again with &quot;Open a saved session&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the summary. Paste it into the ticket or an e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::ResultPage</name>
    <message>
        <source>This computer: %1, %2 %3, Qt %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local addresses: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What RTMP Doctor found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most likely cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How sure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How sure RTMP Doctor is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technical explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other possible causes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evidence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other &amp;possible causes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technical details of every test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy summary for a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy summary for a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts a plain-text summary (stream key hidden) on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most likely cause first. Copy the summary into the ticket, or go on to fix it step by step with the broadcaster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most likely cause first. Next, RTMP Doctor walks you through fixing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. Paste it into the ticket or an e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened from a saved session (tested %1 with %2 %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No explanation found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing RTMP Doctor knows explains the problem. The report lists everything that was checked; pass it to whoever runs the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaks for it (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaks against it (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::RtmpConversation</name>
    <message>
        <source>C0+C1 (1537 bytes): RTMP version 3, digest C1 (client version 9.0.124.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C0+C1 (1537 bytes): RTMP version 3, simple C1 (version field zero)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C0+C1 sent, waiting for S0+S1+S2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S0+S1: RTMP version 3, server version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, valid server digest (scheme %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, S1 is a copy of our C1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C2 (1536 bytes): echo of S1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S2: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server completed the RTMP handshake in %1 ms (server version %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its S2 is neither an echo of C1 nor signed; clients accept that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the TCP connection but sent nothing in %1 ms after the RTMP handshake request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reset the connection (RST) after the RTMP handshake request, without answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection after the RTMP handshake request, without answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web server answered instead of an RTMP server: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with a TLS alert: this port expects TLS (rtmps://), not plain RTMP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with a TLS record: this port expects TLS (rtmps://), not plain RTMP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with RTMP version %1: it wants encrypted RTMPE, which encoders do not use for publishing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with RTMP version byte %1 instead of 3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with text that is not RTMP: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with bytes that are not RTMP (first byte 0x%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent only %1 of the %2 bytes of its handshake reply, then closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent only %1 of the %2 bytes of its handshake reply in %3 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handshake complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent %1 bytes of %2 and other messages without answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s chunk stream broke after the check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s reply is not a valid RTMP chunk stream (%1 at byte %2 after the handshake).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledgement %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server set a chunk size of %1 bytes; RTMP allows at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>window-acknowledgement-size %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user-control ping-response %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undecodable command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a command that cannot be decoded: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect sent for application %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered connect with a close command, giving no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered connect with %1, giving no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the application %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the application %1 (%2, server %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server wants a user name and password (authmod=%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the connection to the application %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server says the application name %1 is invalid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection to the application %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>releaseStream, FCPublish and createStream sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish sent on stream %1 (no media will follow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended the connection with a close command after %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered createStream without a usable stream id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the stream key because it is already in use: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused to let this stream key publish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the stream key for publishing (%1) and kept the connection open for %2 ms afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reset the connection right after connect, without an answer (nginx-rtmp does this for an unknown application or a wrong token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection right after connect, without an answer (nginx-rtmp does this for an unknown application or a wrong token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server confirmed the publish (NetStream.Publish.Start) and then closed the connection: publishing is refused for this stream key or application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection after %1 without an answer: it refused the stream key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer connect within %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer createStream within %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer publish within %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reset the connection in the middle of a message, %1 bytes into it, before it answered connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection in the middle of a message, %1 bytes into it, before it answered connect.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::RtmpStageProbe</name>
    <message>
        <source>This probe speaks RTMP over plain TCP only; %1 is checked elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No port to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s: something on the way silently drops the connection (a firewall), or the host is down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection: nothing listens there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 timed out: packets are being dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no route to %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 failed unexpectedly: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection did not close in time and was aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed before the check ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection on a digest C1; trying once more with a simple C1, the form rtmpdump and OBS send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the RTMP bytes were reset; asking %1 whether it speaks TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS ClientHello (%1 bytes) on a new connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the second connection timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake record (ServerHello)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS alert record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes that are not TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reset the plain RTMP handshake, and a TLS greeting on a second connection was answered with TLS: this port expects rtmps://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS check: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::RtmptProbe</name>
    <message>
        <source>No address or port for the RTMPT tunnel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS is not available on this computer, so RTMPTS cannot be tested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMPT %1 request could not be built for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 did not accept a connection within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not accept a connection within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected (connection %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate not trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMPTS server %1 presented a certificate this computer does not accept: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an HTTP answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer of %1 to the RTMPT %2 request is not HTTP (%3): no RTMPT tunnel there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy requires a user name and password for RTMPTS (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 cannot be reached: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy would not open a tunnel to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kept-alive connection was closed before an answer; sending the %1 request again on a new connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPT works on %1: the RTMP handshake completed through the tunnel (the close request was not answered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection without answering the RTMPT %2 request (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer of %1 to the RTMPT %2 request was cut off (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer the RTMPT %2 request within %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 body bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy requires a user name and password (&quot;%1&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy rejected the credentials (&quot;%1&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy could not reach %1 (&quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMPT works on %1: session opened, RTMP handshake completed through the tunnel in %2 HTTP requests over %3 connection(s), session closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ident2 answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a web server, not an RTMPT tunnel: %2 (&quot;%3&quot;, Content-Type %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session id of %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C0+C1 sent through the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 opened a session but does not carry RTMP: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S0+S1+S2 received through the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMPT tunnel on %1 works, but what came back through it is not an RTMP handshake (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C2 sent through the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMPT session on %1 opened, but no RTMP handshake reply came back in %2 polls over %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RTMP handshake through the RTMPT tunnel on %1 stopped half-way (%2 bytes, %3) after %4 polls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered the RTMPT %2 request with &quot;%3&quot;: no working RTMPT tunnel there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an answer too long for RTMPT: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered the RTMPT %2 request with more than an RTMPT answer can be (%3): no RTMPT tunnel there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::SymptomsPage</name>
    <message>
        <source>What do you see?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick everything that applies. Connection problems are tested from here; picture problems get a checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting and staying connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encoder &amp;cannot connect or start streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encoder cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream starts but &amp;drops after a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream drops after a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream st&amp;utters or the encoder reports dropped frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream stutters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is &amp;jerky: few frames per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low frame rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream stays well below the bitrate it was &amp;given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream uses less bandwidth than set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is d&amp;ark or grainy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark or noisy picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no &amp;picture at all, or a blank one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the encoder is connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I don&apos;t know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A home or small-office internet connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A company, school or hotel network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mobile (cellular) connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where is the encoder c&amp;onnected?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also test publishing with my stream &amp;key (sends no video)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also test publishing with my stream key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks the server to accept a stream with your key and stops before any video is sent. If the key is in use by a running encoder, the server may refuse or end that stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What does the broadcaster see?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off by default: the connection tests never use your stream key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no stream key to test publishing with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::TcpProbe</name>
    <message>
        <source>No port to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s: something on the way silently drops the connection (a firewall), or the host is down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SYN to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection accepted by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is open: %2 accepted the connection in %3 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection: nothing listens on port %2 there, or a firewall rejects it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 timed out: packets are being dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no route to the network of %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached: a router or firewall answered that the host is unreachable or that access is prohibited (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 failed unexpectedly: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::TlsProbe</name>
    <message>
        <source>TLS is not available on this computer (no TLS library was found: %1), so RTMPS cannot be tested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address or port to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s: the TCP connection was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS ClientHello (server name %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the connection but did not complete a TLS handshake within %2 s. A plain RTMP server behaves like this (it waits for RTMP bytes): the port probably does not speak RTMPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate not trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS session established: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS session established</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect was not sent: the certificate is not trusted, and connect carries the application path, which may hold an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect was not sent: no application name is known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inside TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid yet; check this computer&apos;s clock (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not made out for %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed, so nobody vouches for it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate was issued by an authority this computer does not trust, or the server does not send its intermediate certificates (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has been revoked (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate was refused (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inside TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS session with %1: %2, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is valid for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection during the TLS handshake (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port may not speak TLS, or the server and this computer share no TLS version or cipher.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) of a TLS answer, then nothing</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 began the TLS handshake (%2 bytes) and then stopped answering: no TLS session within %3 s. The server or something on the way stalls mid-handshake.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::WalkthroughPage</name>
    <message>
        <source>For: the person at the encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For: the help desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For: whoever runs the network the encoder is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For: whoever runs the media server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix it step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do one step, then say whether it helped. RTMP Doctor tests again what the step changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did this fix it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes, test again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, this fixed it: test again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;o, next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: show the next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was the last suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP Doctor has no steps for this result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP Doctor has no further steps for this problem. Save the report and pass it to whoever runs the server or the network: it lists everything that was tested and tried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to tell it worked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use exactly this:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In %1, use exactly this:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good. Nothing here can be tested again from this computer; check that the stream works in the encoder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good. To be sure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing again: %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed: the re-tested checks pass now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not fixed yet: %n check(s) still fail.</source>
        <translation>
            <numerusform>Not fixed yet: %n check still fails.</numerusform>
            <numerusform>Not fixed yet: %n checks still fail.</numerusform>
        </translation>
    </message>
    <message>
        <source>Press No to try the next step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::WelcomePage</name>
    <message>
        <source>Why won&apos;t my stream connect?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP Doctor checks, step by step, the path from this computer to your streaming server and tells you what to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It looks at the ingest address, the name lookup, every port an encoder may use, the RTMP handshake and the server&apos;s answer, and explains what it finds in plain words. Nothing is streamed and your stream key never leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am &amp;streaming and something does not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am &amp;helping someone else (help desk: technical details shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am helping someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Have these at hand:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;the name of the encoder (OBS Studio, Wirecast, vMix, a hardware encoder, AVChat, ...)&lt;/li&gt;&lt;li&gt;the server address (ingest URL) and stream key, copied from the encoder or from your streaming platform&lt;/li&gt;&lt;li&gt;if the encoder showed an error message, its exact text&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open a saved session...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the result of a session someone saved with &quot;Save session&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last time you checked %1. It is filled in again on the address page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTMP Doctor sessions (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::camera</name>
    <message>
        <source>The picture is too dark: the camera gets too little light.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is too bright: light shines into the camera or the room is overlit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is grainy: the camera&apos;s sensor struggles with the light it gets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera delivers fewer frames than asked for, because it needs longer exposures in this light.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera delivers fewer frames than asked for while nothing moves; still scenes are sent at low rates, and movement raises the rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera delivers fewer frames than asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera delivers a smaller picture than the resolution asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera sends frames, but they are black or blank.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No frames arrived from the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera was found. Connect a webcam, switch it on, or check that its driver is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is in use by another program. Close video calls and other encoders that may use it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This program is not allowed to use the camera. Allow camera access in the system&apos;s privacy settings, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera could not be opened. Reconnect it or choose another camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera opened but sent no picture within a few seconds: another program may be using it, or the wrong camera is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames analysed: %1 at %2 (%3 asked for)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames analysed: %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame rate: %1 fps delivered, %2 fps asked for, %3 frames dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame rate: %1 fps delivered, %2 frames dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brightness: %1 of 255 (spread %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise: %1; movement: %2 % of the picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
